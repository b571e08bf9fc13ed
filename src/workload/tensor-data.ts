/**
 * Host-side tensors (dtype, dims, typed array) independent of onnxruntime, so synthesis and file
 * parsing stay pure; the session layer wraps them in `ort.Tensor` once.
 */

export type TensorArray =
  | Float32Array
  | Float64Array
  | Uint16Array
  | BigInt64Array
  | BigUint64Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Int8Array
  | Uint8Array;

/** A tensor's dtype (onnxruntime spelling), dims and data. float16 is stored as Uint16Array bits. */
export interface HostTensor {
  dtype: string;
  dims: number[];
  data: TensorArray;
}

type ArrayCtor = { new (length: number): TensorArray; BYTES_PER_ELEMENT: number };

/** Typed-array constructor per onnxruntime dtype name (the dtypes the workload supports). */
export const ARRAY_FOR_DTYPE: Readonly<Record<string, ArrayCtor>> = {
  float32: Float32Array,
  float64: Float64Array,
  float16: Uint16Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
};

/** Element count of a shape. */
export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Signature text used in messages: `input float32 [1,784]`. */
export function describeTensor(name: string, dtype: string, dims: readonly (number | string)[]): string {
  return `${name} ${dtype} [${dims.join(',')}]`;
}
