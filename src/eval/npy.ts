/**
 * NumPy `.npy` format, version 1.0–3.0 (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 * magic `\x93NUMPY`, version bytes, a little-endian header length (2 bytes in v1, 4 in v2/v3), a
 * Python-literal header dict `{'descr': '<f4', 'fortran_order': False, 'shape': (n, …), }`, then
 * the raw C-order data. Reads the numeric dtypes a model input or label can have; writes v1.0.
 */

/**
 * A decoded array, C order: float32/float16 as Float32Array (half the memory of float64, exact),
 * everything else widened to Float64Array (int64 beyond 2^53 loses precision).
 */
export interface NdArray {
  dtype: NpyDtype;
  shape: number[];
  data: Float32Array | Float64Array;
}

export type NpyDtype = 'f2' | 'f4' | 'f8' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8' | 'b1';

const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const SIZES: Record<NpyDtype, number> = {
  f2: 2,
  f4: 4,
  f8: 8,
  i1: 1,
  i2: 2,
  i4: 4,
  i8: 8,
  u1: 1,
  u2: 2,
  u4: 4,
  u8: 8,
  b1: 1,
};

/** Encode a C-order array as `.npy` v1.0 (64-byte aligned header, as NumPy writes it). */
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
  const size = SIZES[dtype];
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

/** Decode `.npy` bytes; throws `Error` with a plain reason (callers add the file name). */
export function decodeNpy(bytes: Uint8Array): NdArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new Error('not a .npy file (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  if (major < 1 || major > 3) throw new Error(`unsupported .npy version ${major}`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, headerStart + headerLength),
  );
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new Error(`malformed .npy header ${JSON.stringify(header.trim())}`);
  }
  if (fortran === 'True')
    throw new Error('Fortran-order arrays are not supported; save with np.ascontiguousarray');
  const match = /^([<>|=])([fiub])(\d+)$/.exec(descr);
  const dtype = match ? (`${match[2]}${match[3]}` as NpyDtype) : undefined;
  if (!match || !dtype || !(dtype in SIZES))
    throw new Error(`unsupported dtype '${descr}' (numeric arrays only)`);
  const little = match[1] !== '>';
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new Error(`malformed shape (${shapeText})`);
  const count = shape.reduce((a, b) => a * b, 1);
  const size = SIZES[dtype];
  const start = headerStart + headerLength;
  if (bytes.length - start < count * size) {
    throw new Error(
      `truncated: shape (${shape.join(', ')}) needs ${count * size} bytes, found ${bytes.length - start}`,
    );
  }
  const data = dtype === 'f4' || dtype === 'f2' ? new Float32Array(count) : new Float64Array(count);
  if (dtype === 'f4' && little && HOST_LITTLE_ENDIAN) {
    // Fast path for the common case: copy the bytes (the source may be unaligned inside an .npz).
    new Uint8Array(data.buffer).set(bytes.subarray(start, start + count * 4));
  } else {
    for (let i = 0; i < count; i++) data[i] = readElement(view, start + i * size, dtype, little);
  }
  return { dtype, shape, data };
}

function readElement(view: DataView, offset: number, dtype: NpyDtype, little: boolean): number {
  switch (dtype) {
    case 'f2':
      return float16(view.getUint16(offset, little));
    case 'f4':
      return view.getFloat32(offset, little);
    case 'f8':
      return view.getFloat64(offset, little);
    case 'i1':
      return view.getInt8(offset);
    case 'i2':
      return view.getInt16(offset, little);
    case 'i4':
      return view.getInt32(offset, little);
    case 'i8':
      return Number(view.getBigInt64(offset, little));
    case 'u1':
    case 'b1':
      return view.getUint8(offset);
    case 'u2':
      return view.getUint16(offset, little);
    case 'u4':
      return view.getUint32(offset, little);
    case 'u8':
      return Number(view.getBigUint64(offset, little));
  }
}

/** IEEE 754 half precision to a number. */
function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
