import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { tensorValues } from '../../scripts/lib/onnx-builder.js';
import { decodeModel, toNumber } from '../../src/model/onnx-proto.js';
import { npyToFloat } from '../../src/data/npy.js';
import { decodeNpz } from '../../src/data/npz.js';

const MODELS = [
  // Correct eval predictions out of 400 on this repository's CPU (examples/README.md); ±2 allowed
  // for float rounding differences between CPUs on near-tied logits.
  { file: 'base.onnx', correct: 349, params: 93_962 },
  { file: 'pruned-structured.onnx', correct: 346, params: 23_946 },
  { file: 'pruned-unstructured.onnx', correct: 339, params: 93_962 },
];

function loadEval(): { inputs: Float32Array; labels: ArrayLike<number>; shape: number[] } {
  const arrays = decodeNpz(readFileSync('examples/eval/eval.npz'));
  const inputs = arrays.get('inputs')!;
  const labels = arrays.get('labels')!;
  return { inputs: Float32Array.from(npyToFloat(inputs)), labels: npyToFloat(labels), shape: inputs.shape };
}

describe('example models', () => {
  it('has a 400-sample eval set with float32 inputs and int64 labels in 0..9', () => {
    const arrays = decodeNpz(readFileSync('examples/eval/eval.npz'));
    const inputs = arrays.get('inputs')!;
    const labels = arrays.get('labels')!;
    expect([inputs.dtype, inputs.shape]).toEqual(['f4', [400, 1, 32, 32]]);
    expect([labels.dtype, labels.shape]).toEqual(['i8', [400]]);
    expect(new Set(npyToFloat(labels))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it.each(MODELS)(
    '$file: opset 13, input/batch/logits, under 2 MB, $params parameters',
    ({ file, params }) => {
      const path = `examples/${file}`;
      expect(statSync(path).size).toBeLessThan(2 * 1024 * 1024);
      const model = decodeModel(readFileSync(path));
      expect(toNumber(model.opsetImport![0].version)).toBe(13);
      const input = model.graph!.input![0];
      expect(input.name).toBe('input');
      expect(input.type!.tensorType!.shape!.dim![0].dimParam).toBe('batch');
      expect(model.graph!.output![0].name).toBe('logits');
      const total = model.graph!.initializer!.reduce(
        (sum, t) => sum + t.dims!.reduce<number>((a, d) => a * toNumber(d), 1),
        0,
      );
      expect(total).toBe(params);
    },
  );

  it('unstructured variant: same shapes as BASE, at least 50% of weights exactly zero', () => {
    const base = decodeModel(readFileSync('examples/base.onnx')).graph!.initializer!;
    const sparse = decodeModel(readFileSync('examples/pruned-unstructured.onnx')).graph!.initializer!;
    expect(sparse.map((t) => t.dims!.map(toNumber))).toEqual(base.map((t) => t.dims!.map(toNumber)));
    const values = sparse.map(tensorValues);
    const zeros = values.reduce((sum, v) => sum + v.filter((x) => x === 0).length, 0);
    const total = values.reduce((sum, v) => sum + v.length, 0);
    expect(zeros / total).toBeGreaterThanOrEqual(0.5);
  });

  it.each(MODELS)(
    '$file runs in onnxruntime-node with the documented accuracy',
    async ({ file, correct }) => {
      const { inputs, labels, shape } = loadEval();
      const session = await ort.InferenceSession.create(`examples/${file}`);
      const out = await session.run({ input: new ort.Tensor('float32', inputs, shape) });
      const logits = out.logits.data as Float32Array;
      expect(out.logits.dims).toEqual([400, 10]);
      let hits = 0;
      for (let n = 0; n < 400; n++) {
        let best = 0;
        for (let k = 1; k < 10; k++) if (logits[n * 10 + k] > logits[n * 10 + best]) best = k;
        if (best === labels[n]) hits++;
      }
      expect(Math.abs(hits - correct)).toBeLessThanOrEqual(2);
    },
  );
});

describe('generate-examples.ts --check', () => {
  const script = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/generate-examples.ts', '--sizes', '4,2', ...args],
      {
        encoding: 'utf8',
      },
    );

  // Two builds of the same (small) set must agree byte for byte; CI runs the full --check.
  it('passes right after writing, fails on a changed or missing file', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cd-examples-'));
    expect(script('--out', out).status).toBe(0);
    const fresh = script('--check', '--out', out);
    expect([fresh.status, fresh.stderr]).toEqual([0, expect.stringMatching(/examples up to date \(4 files/)]);
    const bytes = await readFile(join(out, 'base.onnx'));
    bytes[bytes.length - 1] ^= 1;
    await writeFile(join(out, 'base.onnx'), bytes);
    await rm(join(out, 'eval', 'eval.npz'));
    const stale = script('--check', '--out', out);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(
      /examples are stale or missing: base.onnx, eval\/eval.npz. Run: npx tsx scripts\/generate-examples.ts/,
    );
  }, 60_000);
});
