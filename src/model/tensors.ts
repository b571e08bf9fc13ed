/**
 * Element counts, nonzero counts and (for small tensors) values of a TensorProto, whichever way
 * it stores its data: `raw_data`, typed fields (`float_data`, `int32_data`, `int64_data`, ...),
 * or external data.
 */
import { halfToFloat } from '../data/float16.js';
import { UserError } from '../errors.js';
import { dtypeBits, isFloatType, zeroKind } from './dtypes.js';
import { CHUNK_BYTES, externalRef, readExternalSync, type ExternalDataReader } from './external-data.js';
import { countNonzeroBytes, countNot8 } from './nonzero.js';
import { DataType, toNumber, type TensorProto } from './onnx-proto.js';

export function tensorDims(t: TensorProto): number[] {
  return (t.dims ?? []).map(toNumber);
}

export function tensorElements(t: TensorProto): number {
  return tensorDims(t).reduce((a, b) => a * b, 1);
}

export function isExternal(t: TensorProto): boolean {
  return t.dataLocation === 1;
}

/**
 * Nonzero elements of `t`. With `zeroPoint` (1-byte quantized weights), counts elements that
 * differ from it instead: those are the weights that dequantize to nonzero.
 */
export async function countNonzero(
  modelPath: string,
  t: TensorProto,
  external: ExternalDataReader,
  zeroPoint = 0,
): Promise<number> {
  const elements = tensorElements(t);
  const kind = zeroKind(t.dataType);
  if (elements === 0 || !kind) return 0;
  const oneByte = dtypeBits(t.dataType) === 8 && zeroPoint !== 0;
  const count = (bytes: Uint8Array, n: number) =>
    oneByte ? countNot8(bytes, n, zeroPoint) : countNonzeroBytes(bytes, kind, n);
  if (isExternal(t)) {
    const ref = externalRef(modelPath, t);
    const bits = dtypeBits(t.dataType);
    const bytes = Math.ceil((elements * bits) / 8);
    let seen = 0;
    let nonzero = 0;
    await external.readRange(ref, bytes, (chunk) => {
      const n = Math.min(elements - seen, Math.floor((chunk.length * 8) / bits));
      nonzero += count(chunk, n);
      seen += n;
    });
    return nonzero;
  }
  if (t.rawData && t.rawData.length > 0) {
    const need = Math.ceil((elements * dtypeBits(t.dataType)) / 8);
    if (t.rawData.length < need) {
      throw new UserError(
        `model ${modelPath}: tensor '${t.name}' has ${t.rawData.length} bytes of data but its shape [${tensorDims(t)}] needs ${need}. The file is corrupt.`,
      );
    }
    let nonzero = 0;
    // Chunked so a misaligned multi-GB tensor never needs a full aligned copy.
    const step = CHUNK_BYTES;
    const perChunk = Math.floor((step * 8) / dtypeBits(t.dataType));
    for (let first = 0; first < elements; first += perChunk) {
      const n = Math.min(perChunk, elements - first);
      const start = (first * dtypeBits(t.dataType)) / 8;
      nonzero += count(t.rawData.subarray(start), n);
    }
    return nonzero;
  }
  return typedValues(t).reduce<number>((acc, v) => acc + (isZeroTyped(t.dataType, v) ? 0 : 1), 0);
}

function isZeroTyped(dataType: number | undefined, v: number): boolean {
  // float16/bfloat16 live in int32_data as their bit patterns.
  if (dataType === DataType.FLOAT16 || dataType === DataType.BFLOAT16) return (v & 0x7fff) === 0;
  return v === 0;
}

/** Values held in typed fields (not raw_data). */
function typedValues(t: TensorProto): number[] {
  if (t.floatData?.length) return t.floatData;
  if (t.doubleData?.length) return t.doubleData;
  if (t.int32Data?.length) return t.int32Data;
  if (t.int64Data?.length) return t.int64Data.map(toNumber);
  if (t.uint64Data?.length) return t.uint64Data.map(toNumber);
  return [];
}

/** Values of a small numeric tensor, for shape inference; undefined when not readable. */
export function tensorValues(modelPath: string, t: TensorProto, maxElements = 4096): number[] | undefined {
  const elements = tensorElements(t);
  // Shape arithmetic uses integer tensors; float ones matter only as small scales (Resize).
  const limit = isFloatType(t.dataType) ? Math.min(maxElements, 64) : maxElements;
  if (elements > limit) return undefined;
  let raw = t.rawData;
  if (isExternal(t)) {
    raw = readExternalSync(
      modelPath,
      externalRef(modelPath, t),
      Math.ceil((elements * dtypeBits(t.dataType)) / 8),
    );
  }
  if (!raw || raw.length === 0) {
    const typed = typedValues(t);
    if (t.dataType === DataType.FLOAT16 || t.dataType === DataType.BFLOAT16) return undefined;
    return typed.length === elements ? typed.slice() : undefined;
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const read = reader(t.dataType, view);
  if (!read || raw.length < (elements * dtypeBits(t.dataType)) / 8) return undefined;
  return Array.from({ length: elements }, (_, i) => read(i));
}

function reader(dataType: number | undefined, v: DataView): ((i: number) => number) | undefined {
  switch (dataType) {
    case DataType.FLOAT:
      return (i) => v.getFloat32(i * 4, true);
    case DataType.DOUBLE:
      return (i) => v.getFloat64(i * 8, true);
    case DataType.INT64:
      return (i) => Number(v.getBigInt64(i * 8, true));
    case DataType.UINT64:
      return (i) => Number(v.getBigUint64(i * 8, true));
    case DataType.INT32:
      return (i) => v.getInt32(i * 4, true);
    case DataType.UINT32:
      return (i) => v.getUint32(i * 4, true);
    case DataType.INT16:
      return (i) => v.getInt16(i * 2, true);
    case DataType.UINT16:
      return (i) => v.getUint16(i * 2, true);
    case DataType.INT8:
      return (i) => v.getInt8(i);
    case DataType.UINT8:
    case DataType.BOOL:
      return (i) => v.getUint8(i);
    case DataType.FLOAT16:
      return (i) => halfToFloat(v.getUint16(i * 2, true));
    case DataType.BFLOAT16:
      return (i) => new Float32Array(new Uint32Array([v.getUint16(i * 2, true) << 16]).buffer)[0];
    default:
      return undefined;
  }
}
