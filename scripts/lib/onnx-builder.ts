/**
 * A small ONNX graph builder for the example generator and tests: float tensors, nodes with
 * attributes, and a model with a symbolic batch dimension, serialized with `encodeModel`.
 */
import { AttributeType, DataType, encodeModel } from '../../src/model/onnx-proto.js';
import type {
  AttributeProto,
  ModelProto,
  NodeProto,
  TensorProto,
  ValueInfoProto,
} from '../../src/model/onnx-proto.js';

/** A float32 initializer, stored little-endian in `rawData`. */
export function floatTensor(name: string, dims: readonly number[], values: ArrayLike<number>): TensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (values.length !== count)
    throw new Error(`${name}: ${values.length} values for dims [${dims.join(', ')}]`);
  const raw = new Uint8Array(count * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < count; i++) view.setFloat32(i * 4, values[i], true);
  return { name, dims: [...dims], dataType: DataType.FLOAT, rawData: raw };
}

/** An int64 initializer (shapes, axes), stored little-endian in `rawData`. */
export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): TensorProto {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return { name, dims: [...dims], dataType: DataType.INT64, rawData: raw };
}

/** Float32 values of an initializer stored as `rawData` or `floatData`. */
export function tensorValues(tensor: TensorProto): Float32Array {
  if (tensor.rawData && tensor.rawData.length > 0) {
    const raw = tensor.rawData;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out = new Float32Array(raw.byteLength / 4);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  }
  return Float32Array.from(tensor.floatData ?? []);
}

type AttrValue = number | number[] | string;

/** An attribute: integers (or integer lists) become INT/INTS, strings STRING; floats use `{ f }`. */
function attribute(name: string, value: AttrValue | { f: number }): AttributeProto {
  if (typeof value === 'string')
    return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (typeof value === 'object') return { name, type: AttributeType.FLOAT, f: value.f };
  return { name, type: AttributeType.INT, i: value };
}

export function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attrs: Record<string, AttrValue | { f: number }> = {},
  name = outputs[0],
): NodeProto {
  return {
    opType,
    name,
    input: inputs,
    output: outputs,
    attribute: Object.entries(attrs).map(([key, value]) => attribute(key, value)),
  };
}

/** A float tensor value-info; string dims are symbolic (`batch`). */
export function floatValueInfo(name: string, dims: readonly (number | string)[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

export interface GraphSpec {
  name: string;
  nodes: NodeProto[];
  initializers: TensorProto[];
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
  /** Default 13. */
  opset?: number;
  docString?: string;
}

/** A ModelProto (IR version 8, default-domain opset 13 unless given). */
export function buildModel(spec: GraphSpec): ModelProto {
  return {
    irVersion: 8,
    producerName: 'carbon-delta-examples',
    producerVersion: '1',
    docString: spec.docString,
    opsetImport: [{ domain: '', version: spec.opset ?? 13 }],
    graph: {
      name: spec.name,
      node: spec.nodes,
      initializer: spec.initializers,
      input: spec.inputs,
      output: spec.outputs,
    },
  };
}

/** Serialize a model built with `buildModel`. */
export function serializeModel(spec: GraphSpec): Uint8Array {
  return encodeModel(buildModel(spec));
}
