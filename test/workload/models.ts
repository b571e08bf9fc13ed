/** Small ONNX models built at test time with our own encoder (deterministic weights). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DataType,
  encodeModel,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from '../../src/model/onnx-proto.js';
import { normalGenerator, seededRandom } from '../../src/stats/prng.js';

export function tempDir(prefix = 'carbon-delta-workload-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const valueInfo = (name: string, elemType: number, dims: (number | string)[]): ValueInfoProto => ({
  name,
  type: {
    tensorType: {
      elemType,
      shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
    },
  },
});

function weight(name: string, rows: number, cols: number, seed: number): TensorProto {
  const normal = normalGenerator(seededRandom(seed));
  const data = new Float32Array(rows * cols).map(() => normal() / Math.sqrt(rows));
  return { name, dims: [rows, cols], dataType: DataType.FLOAT, rawData: new Uint8Array(data.buffer) };
}

/**
 * An MLP: `[batch, widths[0]]` → MatMul+Relu per layer → `[batch, widths.at(-1)]`. With
 * `inputDtype: 'int64'` the input is cast to float first (a token-id style input).
 */
export function buildMlp(opts: {
  widths: number[];
  inputName?: string;
  inputDtype?: 'float32' | 'int64';
  seed?: number;
}): Uint8Array {
  const { widths, inputName = 'input', inputDtype = 'float32', seed = 7 } = opts;
  const nodes: NodeProto[] = [];
  const initializer: TensorProto[] = [];
  let current = inputName;
  if (inputDtype === 'int64') {
    nodes.push({
      opType: 'Cast',
      input: [current],
      output: ['cast'],
      attribute: [{ name: 'to', type: 2, i: DataType.FLOAT }],
    });
    current = 'cast';
  }
  for (let i = 0; i + 1 < widths.length; i++) {
    initializer.push(weight(`w${i}`, widths[i], widths[i + 1], seed + i));
    nodes.push({ opType: 'MatMul', input: [current, `w${i}`], output: [`mm${i}`] });
    const last = i + 2 === widths.length;
    nodes.push({ opType: 'Relu', input: [`mm${i}`], output: [last ? 'output' : `h${i}`] });
    current = `h${i}`;
  }
  return encodeModel({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'carbon-delta-tests',
    graph: {
      name: 'mlp',
      node: nodes,
      initializer,
      input: [
        valueInfo(inputName, inputDtype === 'int64' ? DataType.INT64 : DataType.FLOAT, ['batch', widths[0]]),
      ],
      output: [valueInfo('output', DataType.FLOAT, ['batch', widths[widths.length - 1]])],
    },
  });
}

/** Write a model to `dir/name` and return its path. */
export function writeModel(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
