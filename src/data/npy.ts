/**
 * NumPy `.npy` format, versions 1.0–3.0 (numpy/lib/format.py): magic `\x93NUMPY`, version bytes,
 * a little-endian header length (2 bytes in v1, 4 in v2/v3), a Python-literal header dict
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (n, …), }`, then the raw C-order data.
 * Reads every numeric dtype and bool in either byte order into a typed array of that dtype (no
 * widening: int64 and float16 bits stay exact); writes v1.0.
 */
import { halfToFloat } from './float16.js';

/**
 * Typed array of each NumPy dtype (descr without its byte-order mark; digits are bytes): float,
 * signed/unsigned int, bool. Host byte order; float16 as its raw bits, bool as 0/1 bytes.
 */
const ARRAY_FOR_NPY_DTYPE = {
  f2: Uint16Array,
  f4: Float32Array,
  f8: Float64Array,
  i1: Int8Array,
  i2: Int16Array,
  i4: Int32Array,
  i8: BigInt64Array,
  u1: Uint8Array,
  u2: Uint16Array,
  u4: Uint32Array,
  u8: BigUint64Array,
  b1: Uint8Array,
} as const;

/** NumPy dtype without its byte-order mark, e.g. `f4`, `i8`, `b1`. */
export type NpyDtype = keyof typeof ARRAY_FOR_NPY_DTYPE;

/** The typed array holding an `NpyDtype` (see ARRAY_FOR_NPY_DTYPE). */
export type NpyData = InstanceType<(typeof ARRAY_FOR_NPY_DTYPE)[NpyDtype]>;

/** A decoded array in C order; `data` is a fresh, aligned copy. */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

/** Why bytes are not a readable `.npy`/`.npz`; callers add the file name (and make a UserError). */
export class NpyFormatError extends Error {}

const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** Decode `.npy` bytes (any offset, e.g. an `.npz` member). Throws `NpyFormatError` with a plain reason. */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new NpyFormatError('not a .npy file (bad magic: no \\x93NUMPY at the start)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  if (major < 1 || major > 3) throw new NpyFormatError(`unsupported .npy format version ${major}`);
  const headerStart = major === 1 ? 10 : 12;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, headerStart + headerLength),
  );
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    throw new NpyFormatError(`malformed .npy header ${JSON.stringify(header.trim())}`);
  if (fortran === 'True')
    throw new NpyFormatError('arrays in Fortran order are not supported; save np.ascontiguousarray(a)');
  const match = /^([<>|=])([fiub]\d+)$/.exec(descr);
  const dtype = match?.[2] as NpyDtype | undefined;
  const Ctor: { new (buffer: ArrayBuffer): NpyData; BYTES_PER_ELEMENT: number } | undefined =
    dtype && dtype in ARRAY_FOR_NPY_DTYPE ? ARRAY_FOR_NPY_DTYPE[dtype] : undefined;
  // '|' (no byte order) only makes sense for one-byte types.
  if (!match || !dtype || !Ctor || (match[1] === '|' && Ctor.BYTES_PER_ELEMENT > 1)) {
    throw new NpyFormatError(
      `unsupported dtype '${descr}' (numeric and bool arrays only: ${Object.keys(ARRAY_FOR_NPY_DTYPE).join(', ')})`,
    );
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => Number(s.replace(/L$/, '')));
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0))
    throw new NpyFormatError(`malformed shape (${shapeText})`);
  const count = shape.reduce((a, b) => a * b, 1);
  const size = Ctor.BYTES_PER_ELEMENT;
  const start = headerStart + headerLength;
  if (bytes.length - start < count * size) {
    throw new NpyFormatError(
      `truncated: shape (${shape.join(', ')}) needs ${count * size} bytes, found ${Math.max(0, bytes.length - start)}`,
    );
  }
  // Copy (the source may be unaligned inside an .npz), then swap when the byte order is foreign.
  // (Buffer#slice would share memory, so allocate and set.)
  const raw = new Uint8Array(count * size);
  raw.set(bytes.subarray(start, start + count * size));
  const foreign = (match[1] === '<' && !HOST_LITTLE_ENDIAN) || (match[1] === '>' && HOST_LITTLE_ENDIAN);
  if (foreign) swapBytes(raw, size);
  return { dtype, shape, data: new Ctor(raw.buffer) };
}

/** Reverse the bytes of every `size`-byte element in place. */
function swapBytes(raw: Uint8Array, size: number): void {
  for (let at = 0; at < raw.length; at += size) {
    for (let i = at, j = at + size - 1; i < j; i++, j--) {
      const byte = raw[i];
      raw[i] = raw[j];
      raw[j] = byte;
    }
  }
}

/**
 * The values as numbers: float32 as is, float16 as Float32Array (exact), everything else widened
 * to Float64Array (int64 beyond 2^53 rounds to the nearest double).
 */
export function npyToFloat(array: NpyArray): Float32Array | Float64Array {
  const { dtype, data } = array;
  if (dtype === 'f4' || dtype === 'f8') return data as Float32Array | Float64Array;
  if (dtype === 'f2') return Float32Array.from(data as Uint16Array, halfToFloat);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float64Array.from(data, Number);
  return Float64Array.from(data as ArrayLike<number>);
}

/** Encode a C-order array as little-endian `.npy` v1.0 (64-byte aligned header, as NumPy writes it). */
export function encodeNpy(
  dtype: 'f4' | 'f8' | 'i4' | 'i8',
  shape: readonly number[],
  values: ArrayLike<number>,
): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (values.length !== count)
    throw new Error(`encodeNpy: ${values.length} values for shape (${shape.join(', ')})`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = MAGIC.length + 4 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const size = ARRAY_FOR_NPY_DTYPE[dtype].BYTES_PER_ELEMENT;
  const out = new Uint8Array(MAGIC.length + 4 + header.length + count * size);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const base = 10 + header.length;
  for (let i = 0; i < count; i++) {
    const offset = base + i * size;
    if (dtype === 'f4') view.setFloat32(offset, values[i], true);
    else if (dtype === 'f8') view.setFloat64(offset, values[i], true);
    else if (dtype === 'i4') view.setInt32(offset, values[i], true);
    else view.setBigInt64(offset, BigInt(values[i]), true);
  }
  return out;
}
