/**
 * A small, strict reader of NumPy `.npy` files (format versions 1–3): little-endian or
 * byte-order-free numeric and bool dtypes, C order. See numpy/lib/format.py for the layout:
 * magic `\x93NUMPY`, version, header length, a Python-literal dict header, raw data.
 */
import { ARRAY_FOR_DTYPE, elementCount, type HostTensor } from './tensor-data.js';

/** NumPy descr (without byte-order mark) → onnxruntime dtype name. */
const DTYPE_FOR_DESCR: Record<string, string> = {
  f4: 'float32',
  f8: 'float64',
  f2: 'float16',
  i8: 'int64',
  u8: 'uint64',
  i4: 'int32',
  u4: 'uint32',
  i2: 'int16',
  u2: 'uint16',
  i1: 'int8',
  u1: 'uint8',
  b1: 'bool',
};

/** Why a .npy could not be read; the caller adds the file name and turns it into a UserError. */
export class NpyFormatError extends Error {}

/** Parse a `.npy` buffer into a host tensor (data copied into an aligned typed array). */
export function parseNpy(bytes: Uint8Array): HostTensor {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b))
    throw new NpyFormatError('not a .npy file (missing \\x93NUMPY magic)');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let offset: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    offset = 10;
  } else if (major === 2 || major === 3) {
    headerLength = view.getUint32(8, true);
    offset = 12;
  } else {
    throw new NpyFormatError(`unsupported .npy format version ${major}`);
  }
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(offset, offset + headerLength),
  );
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    throw new NpyFormatError(`unreadable header ${header.trim()}`);
  if (fortran === 'True')
    throw new NpyFormatError('arrays in Fortran order are not supported; save np.ascontiguousarray(a)');
  const order = descr[0];
  const dtype = DTYPE_FOR_DESCR[descr.slice(1)];
  if (
    !dtype ||
    !['<', '|', '='].includes(order) ||
    (order === '|' && !['i1', 'u1', 'b1'].includes(descr.slice(1)))
  ) {
    throw new NpyFormatError(
      `unsupported dtype '${descr}' (supported: little-endian ${Object.values(DTYPE_FOR_DESCR).join(', ')})`,
    );
  }
  const dims = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => Number(s.replace(/L$/, '')));
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0))
    throw new NpyFormatError(`bad shape (${shapeText})`);
  const Ctor = ARRAY_FOR_DTYPE[dtype];
  const count = elementCount(dims);
  const start = offset + headerLength;
  const byteLength = count * Ctor.BYTES_PER_ELEMENT;
  if (bytes.length - start < byteLength) {
    throw new NpyFormatError(
      `truncated: shape (${dims.join(', ')}) needs ${byteLength} data bytes, file has ${bytes.length - start}`,
    );
  }
  const data = new Ctor(count);
  new Uint8Array(data.buffer).set(bytes.subarray(start, start + byteLength));
  return { dtype, dims, data };
}
