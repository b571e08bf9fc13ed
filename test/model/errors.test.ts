/** Bad files and bad shapes end in a UserError that names the file and the problem. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { analyzeModel } from '../../src/model/analyze.js';
import { encodeModel } from '../../src/model/onnx-proto.js';
import { GraphBuilder, tempDir } from './helpers/graph-builder.js';

/** Deterministic pseudo-random bytes (xorshift32). */
function randomBytes(n: number, seed = 12345): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const convModel = () =>
  new GraphBuilder()
    .input('x', ['batch', 3, 16, 16])
    .init('w', [8, 3, 3, 3])
    .init('b', [8])
    .node('Conv', ['x', 'w', 'b'], ['y']);

async function userError(p: Promise<unknown>): Promise<UserError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('bad model files', () => {
  const dir = tempDir();
  const bytes = encodeModel(convModel().build());
  const cases: { what: string; content: Uint8Array; message: RegExp }[] = [
    {
      what: 'truncated file',
      content: bytes.subarray(0, Math.floor(bytes.length * 0.6)),
      message: /truncated\.onnx.*(not a valid ONNX file|no ONNX graph|truncated)/,
    },
    {
      what: 'random bytes',
      content: randomBytes(4096),
      message: /random\.onnx.*(not a valid ONNX file|no ONNX graph)/,
    },
    { what: 'empty file', content: new Uint8Array(0), message: /empty\.onnx is empty/ },
  ];
  it.each(cases)('$what', async (c) => {
    const file = path.join(dir, `${c.what.split(' ')[0]}.onnx`);
    writeFileSync(file, c.content);
    const error = await userError(analyzeModel(file));
    expect(error.message).toMatch(c.message);
  });

  it('missing file', async () => {
    const error = await userError(analyzeModel(path.join(dir, 'nope.onnx')));
    expect(error.message).toMatch(/nope\.onnx not found/);
  });

  it('dangling node input', async () => {
    const file = new GraphBuilder().input('x', [1, 4]).node('Add', ['x', 'ghost'], ['y']).write();
    const error = await userError(analyzeModel(file));
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/reads 'ghost'.*dangling input/);
  });
});

describe('malformed graphs', () => {
  it('a value defined twice', async () => {
    const file = new GraphBuilder().input('x', [1, 4]).init('c', [4]).node('Relu', ['x'], ['c']).write();
    const error = await userError(analyzeModel(file));
    expect(error.message).toMatch(
      /'c' is defined twice \(output of node 'Relu_0' and a graph input or initializer\)/,
    );
  });
});

describe('binding symbolic dims', () => {
  it('defaults a batch dim to 1 and says so', async () => {
    const logger = memoryLogger();
    const a = await analyzeModel(convModel().write(), { logger });
    expect(a.inputShapes).toEqual({ x: [1, 3, 16, 16] });
    expect(a.macs.dense).toBe(8 * 14 * 14 * 27);
    expect(logger.lines.map((l) => l.message).join('\n')).toMatch(/dim batch not given, using 1/);
  });

  it('binds a dim by name and a full shape by input name', async () => {
    const file = convModel().write();
    expect((await analyzeModel(file, { inputShapes: { batch: [4] } })).macs.dense).toBe(4 * 8 * 14 * 14 * 27);
    expect((await analyzeModel(file, { inputShapes: { x: [2, 3, 16, 16] } })).macs.dense).toBe(
      2 * 8 * 14 * 14 * 27,
    );
  });

  it('lists free dims and says how to pass them', async () => {
    const file = new GraphBuilder().input('ids', ['batch', 'sequence']).node('Relu', ['ids'], ['y']).write();
    const error = await userError(analyzeModel(file));
    expect(error.input).toBe('input');
    expect(error.message).toMatch(/ids \[batch, sequence\]: free sequence/);
    expect(error.message).toMatch(/--input ids=1xD/);
    expect(error.message).toMatch(/--input sequence=128/);
  });

  it('needs a full shape for an input without a recorded shape', async () => {
    const g = new GraphBuilder().node('Relu', ['x'], ['y']);
    g.inputs.push({ name: 'x', type: { tensorType: { elemType: 1 } } });
    const file = g.write();
    const error = await userError(analyzeModel(file));
    expect(error.message).toMatch(/input 'x' has no recorded shape\. Pass its full shape, e\.g\. --input x=/);
    const a = await analyzeModel(file, { inputShapes: { x: [2, 5] } });
    expect(a.flops.dense).toBe(10);
  });

  it('rejects a shape that does not fit the input', async () => {
    const error = await userError(analyzeModel(convModel().write(), { inputShapes: { x: [1, 4, 16, 16] } }));
    expect(error.message).toMatch(/--input x=1x4x16x16 does not fit the input's shape \[batch, 3, 16, 16\]/);
  });
});
