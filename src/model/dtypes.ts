/**
 * ONNX element types: names as onnxruntime spells them, storage widths, and how a zero looks in
 * each encoding (used by the nonzero counters).
 */
import { DataType } from './onnx-proto.js';

/** How a stored element is tested for zero. */
export type ZeroKind =
  | 'f32' // 4 bytes, IEEE: ±0
  | 'i32' // 4 bytes, integer
  | 'f16' // 2 bytes, IEEE half or bfloat16: ±0
  | 'i16'
  | 'f64'
  | 'i64'
  | 'i8' // 1 byte integer or bool
  | 'f8' // 1 byte float8 with a negative zero (E4M3FN, E5M2)
  | 'i4'; // two elements per byte

interface DtypeInfo {
  name: string;
  /** Bits per element as stored in raw_data / external data. */
  bits: number;
  zero: ZeroKind;
  float: boolean;
}

const TABLE: Record<number, DtypeInfo> = {
  [DataType.FLOAT]: { name: 'float32', bits: 32, zero: 'f32', float: true },
  [DataType.UINT8]: { name: 'uint8', bits: 8, zero: 'i8', float: false },
  [DataType.INT8]: { name: 'int8', bits: 8, zero: 'i8', float: false },
  [DataType.UINT16]: { name: 'uint16', bits: 16, zero: 'i16', float: false },
  [DataType.INT16]: { name: 'int16', bits: 16, zero: 'i16', float: false },
  [DataType.INT32]: { name: 'int32', bits: 32, zero: 'i32', float: false },
  [DataType.INT64]: { name: 'int64', bits: 64, zero: 'i64', float: false },
  [DataType.BOOL]: { name: 'bool', bits: 8, zero: 'i8', float: false },
  [DataType.FLOAT16]: { name: 'float16', bits: 16, zero: 'f16', float: true },
  [DataType.DOUBLE]: { name: 'float64', bits: 64, zero: 'f64', float: true },
  [DataType.UINT32]: { name: 'uint32', bits: 32, zero: 'i32', float: false },
  [DataType.UINT64]: { name: 'uint64', bits: 64, zero: 'i64', float: false },
  [DataType.BFLOAT16]: { name: 'bfloat16', bits: 16, zero: 'f16', float: true },
  [DataType.FLOAT8E4M3FN]: { name: 'float8e4m3fn', bits: 8, zero: 'f8', float: true },
  [DataType.FLOAT8E4M3FNUZ]: { name: 'float8e4m3fnuz', bits: 8, zero: 'i8', float: true },
  [DataType.FLOAT8E5M2]: { name: 'float8e5m2', bits: 8, zero: 'f8', float: true },
  [DataType.FLOAT8E5M2FNUZ]: { name: 'float8e5m2fnuz', bits: 8, zero: 'i8', float: true },
  [DataType.UINT4]: { name: 'uint4', bits: 4, zero: 'i4', float: false },
  [DataType.INT4]: { name: 'int4', bits: 4, zero: 'i4', float: false },
  [DataType.STRING]: { name: 'string', bits: 0, zero: 'i8', float: false },
  [DataType.COMPLEX64]: { name: 'complex64', bits: 64, zero: 'f64', float: true },
  [DataType.COMPLEX128]: { name: 'complex128', bits: 128, zero: 'f64', float: true },
};

/** The onnxruntime name of an element type (`float32`, `int64`, ...), or `type<N>` when unknown. */
export function dtypeName(dataType: number | undefined): string {
  return TABLE[dataType ?? 0]?.name ?? `type${dataType ?? 0}`;
}

/** Bits per stored element (0 for strings and unknown types). */
export function dtypeBits(dataType: number | undefined): number {
  return TABLE[dataType ?? 0]?.bits ?? 0;
}

export function zeroKind(dataType: number | undefined): ZeroKind | undefined {
  return TABLE[dataType ?? 0]?.zero;
}

/** True for floating-point element types (element-wise FLOPs are counted on these only). */
export function isFloatType(dataType: number | undefined): boolean {
  return TABLE[dataType ?? 0]?.float ?? false;
}

/** Bytes a tensor of `elements` occupies in raw storage. */
export function storageBytes(dataType: number | undefined, elements: number): number {
  return Math.ceil((elements * dtypeBits(dataType)) / 8);
}
