/**
 * Builds small ONNX models in tests: inputs, initializers (raw little-endian data), nodes with
 * attributes, written to a temp folder with encodeModel.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AttributeType,
  DataType,
  encodeModel,
  type AttributeProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from '../../../src/model/onnx-proto.js';

export type Dim = number | string;
/** Attribute values: integers → INT, `{ f }` → FLOAT, number[] → INTS, `{ floats }`, strings, tensors. */
export type AttrValue = number | number[] | string | { f: number } | { floats: number[] } | TensorProto;

export const F32 = DataType.FLOAT;

export function valueInfo(name: string, elemType: number, shape?: Dim[]): ValueInfoProto {
  const dim = shape?.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: shape ? { dim } : undefined } } };
}

/** Raw little-endian bytes of `values` in `dataType`. */
export function rawBytes(dataType: number, values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  const v = Array.from(values);
  switch (dataType) {
    case DataType.FLOAT:
      return new Uint8Array(Float32Array.from(v).buffer);
    case DataType.DOUBLE:
      return new Uint8Array(Float64Array.from(v).buffer);
    case DataType.INT64:
      return new Uint8Array(BigInt64Array.from(v.map((x) => BigInt(x))).buffer);
    case DataType.INT32:
      return new Uint8Array(Int32Array.from(v).buffer);
    case DataType.INT8:
      return new Uint8Array(Int8Array.from(v).buffer);
    case DataType.UINT8:
    case DataType.BOOL:
      return Uint8Array.from(v);
    case DataType.FLOAT16:
    case DataType.BFLOAT16:
      // Values given as bit patterns.
      return new Uint8Array(Uint16Array.from(v).buffer);
    case DataType.INT4:
    case DataType.UINT4: {
      const out = new Uint8Array(Math.ceil(n / 2));
      v.forEach((x, i) => (out[i >> 1] |= (x & 0xf) << (i & 1 ? 4 : 0)));
      return out;
    }
    default:
      throw new Error(`rawBytes: type ${dataType}`);
  }
}

export function tensor(
  name: string,
  dims: number[],
  values: ArrayLike<number>,
  dataType: number = F32,
): TensorProto {
  return { name, dims, dataType, rawData: rawBytes(dataType, values) };
}

/** `count` values 1, 2, 3, ... with every index in `zeros` set to 0. */
export function ramp(count: number, zeros: (i: number) => boolean = () => false): number[] {
  return Array.from({ length: count }, (_, i) => (zeros(i) ? 0 : (i % 7) + 1));
}

function attribute(name: string, v: AttrValue): AttributeProto {
  if (typeof v === 'number') {
    return Number.isInteger(v)
      ? { name, type: AttributeType.INT, i: v }
      : { name, type: AttributeType.FLOAT, f: v };
  }
  if (typeof v === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: AttributeType.INTS, ints: v };
  if ('f' in v) return { name, type: AttributeType.FLOAT, f: v.f };
  if ('floats' in v) return { name, type: AttributeType.FLOATS, floats: v.floats };
  return { name, type: AttributeType.TENSOR, t: v as TensorProto };
}

export class GraphBuilder {
  readonly inputs: ValueInfoProto[] = [];
  readonly outputs: ValueInfoProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly nodes: NodeProto[] = [];
  readonly valueInfos: ValueInfoProto[] = [];
  private count = 0;

  input(name: string, shape: Dim[], elemType: number = F32): this {
    this.inputs.push(valueInfo(name, elemType, shape));
    return this;
  }

  output(name: string, shape?: Dim[], elemType: number = F32): this {
    this.outputs.push(valueInfo(name, elemType, shape));
    return this;
  }

  init(name: string, dims: number[], values?: ArrayLike<number>, dataType: number = F32): this {
    this.initializers.push(tensor(name, dims, values ?? ramp(dims.reduce((a, b) => a * b, 1)), dataType));
    return this;
  }

  node(
    opType: string,
    inputs: string[],
    outputs: string[],
    attrs: Record<string, AttrValue> = {},
    domain?: string,
  ): this {
    this.nodes.push({
      name: `${opType}_${this.count++}`,
      opType,
      input: inputs,
      output: outputs,
      domain,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return this;
  }

  build(opset = 17): ModelProto {
    const usesMs = this.nodes.some((n) => n.domain === 'com.microsoft');
    return {
      irVersion: 8,
      producerName: 'carbon-delta-test',
      opsetImport: [
        { domain: '', version: opset },
        ...(usesMs ? [{ domain: 'com.microsoft', version: 1 }] : []),
      ],
      graph: {
        name: 'test',
        node: this.nodes,
        input: this.inputs,
        output: this.outputs.length ? this.outputs : [valueInfo(this.nodes.at(-1)?.output?.[0] ?? 'y', F32)],
        initializer: this.initializers,
        valueInfo: this.valueInfos,
      },
    };
  }

  /** Encodes to `<dir>/<name>` (a fresh temp dir by default) and returns the path. */
  write(name = 'model.onnx', dir = tempDir(), opset = 17): string {
    const file = path.join(dir, name);
    writeFileSync(file, encodeModel(this.build(opset)));
    return file;
  }
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'carbon-delta-model-'));
}
