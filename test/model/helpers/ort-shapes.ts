/** Runs a test model in onnxruntime-node and returns the dims of every graph output. */
import * as ort from 'onnxruntime-node';
import { encodeModel, type ModelProto } from '../../../src/model/onnx-proto.js';
import type { TensorSpec } from '../../../src/model/types.js';

function feed(spec: TensorSpec, dims: number[]): ort.Tensor {
  const n = dims.reduce((a, b) => a * b, 1);
  switch (spec.dtype) {
    case 'float32':
      return new ort.Tensor('float32', new Float32Array(n).fill(0.5), dims);
    case 'uint8':
      return new ort.Tensor('uint8', new Uint8Array(n).fill(3), dims);
    case 'int8':
      return new ort.Tensor('int8', new Int8Array(n).fill(3), dims);
    case 'int64':
      return new ort.Tensor('int64', new BigInt64Array(n), dims);
    default:
      throw new Error(`ortOutputShapes: no feed for ${spec.dtype}`);
  }
}

export async function ortOutputShapes(
  model: ModelProto,
  inputs: TensorSpec[],
  shapes: Record<string, number[]>,
): Promise<Record<string, number[]>> {
  const session = await ort.InferenceSession.create(encodeModel(model));
  try {
    const feeds = Object.fromEntries(inputs.map((i) => [i.name, feed(i, shapes[i.name])]));
    const out = await session.run(feeds);
    return Object.fromEntries(Object.entries(out).map(([name, t]) => [name, t.dims.map(Number)]));
  } finally {
    await session.release();
  }
}
