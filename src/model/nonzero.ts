/**
 * Nonzero counting over raw little-endian tensor bytes, without decoding values.
 *
 * A float is zero when all bits but the sign are clear (so −0 counts as zero, as in
 * `numpy.count_nonzero`). `raw_data` is not aligned inside the protobuf buffer, so misaligned
 * slices are copied chunk by chunk into an aligned scratch buffer and scanned through typed
 * arrays: much faster than a DataView per element.
 */
import type { ZeroKind } from './dtypes.js';
import { createSimdScanner, scannerOf, SIMD_BUFFER_BYTES, type SimdScanner } from './simd-zeros.js';

const SCRATCH_BYTES = 1 << 20;
let scratch: Uint8Array | undefined;

/** Nonzero elements among the first `elements` stored in `bytes`. */
export function countNonzeroBytes(bytes: Uint8Array, kind: ZeroKind, elements: number): number {
  switch (kind) {
    case 'f32':
    case 'i32': {
      const mask = kind === 'f32' ? 0x7fffffff : 0xffffffff;
      const view = bytes.subarray(0, elements * 4);
      if (view.length < elements * 4)
        throw new RangeError(`tensor data holds ${bytes.length} bytes, needs ${elements * 4}`);
      const simd = simdZeros32(view, mask);
      return simd !== undefined ? elements - simd : scan(bytes, 4, elements, (w) => zeros32(w, mask));
    }
    case 'f16':
      return scan(bytes, 2, elements, (w) => zeros16(w, 0x7fff));
    case 'i16':
      return scan(bytes, 2, elements, (w) => zeros16(w, 0xffff));
    case 'f64':
      return scan(bytes, 8, elements, (w) => zeros64(w, 0x7fffffff));
    case 'i64':
      return scan(bytes, 8, elements, (w) => zeros64(w, 0xffffffff));
    case 'i8':
      return elements - zeros8(bytes.subarray(0, elements), 0xff, 0);
    case 'f8':
      return elements - zeros8(bytes.subarray(0, elements), 0x7f, 0);
    case 'i4':
      return elements - zeros4(bytes, elements);
  }
}

/** Elements of a 1-byte integer tensor that differ from `zeroPoint` (a quantized zero). */
export function countNot8(bytes: Uint8Array, elements: number, zeroPoint: number): number {
  return elements - zeros8(bytes.subarray(0, elements), 0xff, zeroPoint & 0xff);
}

/** Runs `countZeros` on aligned word views of `bytes`, copying through scratch when misaligned. */
function scan(
  bytes: Uint8Array,
  width: 2 | 4 | 8,
  elements: number,
  countZeros: (words: Uint8Array) => number,
): number {
  const length = elements * width;
  if (bytes.length < length) throw new RangeError(`tensor data holds ${bytes.length} bytes, needs ${length}`);
  const view = bytes.subarray(0, length);
  if (view.byteOffset % Math.min(width, 4) === 0) return elements - countZeros(view);
  scratch ??= new Uint8Array(SCRATCH_BYTES);
  let zeros = 0;
  for (let start = 0; start < length; start += SCRATCH_BYTES) {
    const part = view.subarray(start, Math.min(length, start + SCRATCH_BYTES));
    scratch.set(part);
    zeros += countZeros(scratch.subarray(0, part.length));
  }
  return elements - zeros;
}

/** Below this, a JS loop beats the copy into SIMD memory. */
const SIMD_MIN_BYTES = 4096;
let scratchScanner: SimdScanner | null | undefined;

function simdZeros32(bytes: Uint8Array, mask: number): number | undefined {
  const own = scannerOf(bytes.buffer);
  if (own) return own.zeros32(bytes.byteOffset, bytes.length >>> 2, mask);
  if (bytes.length < SIMD_MIN_BYTES) return undefined;
  scratchScanner ??= createSimdScanner() ?? null;
  if (!scratchScanner) return undefined;
  let zeros = 0;
  for (let at = 0; at < bytes.length; at += SIMD_BUFFER_BYTES) {
    const part = bytes.subarray(at, Math.min(bytes.length, at + SIMD_BUFFER_BYTES));
    scratchScanner.buffer.set(part);
    zeros += scratchScanner.zeros32(0, part.length >>> 2, mask);
  }
  return zeros;
}

function zeros32(bytes: Uint8Array, mask: number): number {
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  const m = mask | 0;
  let zeros = 0;
  for (let i = 0; i < words.length; i++) if ((words[i] & m) === 0) zeros++;
  return zeros;
}

function zeros16(bytes: Uint8Array, mask: number): number {
  const words = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 1);
  let zeros = 0;
  for (let i = 0; i < words.length; i++) if ((words[i] & mask) === 0) zeros++;
  return zeros;
}

/** Little-endian: the low word first, the sign bit in the high word. */
function zeros64(bytes: Uint8Array, highMask: number): number {
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  const m = highMask | 0;
  let zeros = 0;
  for (let i = 0; i < words.length; i += 2) if (words[i] === 0 && (words[i + 1] & m) === 0) zeros++;
  return zeros;
}

function zeros8(bytes: Uint8Array, mask: number, zero: number): number {
  let zeros = 0;
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] & mask) === zero) zeros++;
  return zeros;
}

/** Packed 4-bit: element 2k in the low nibble, 2k+1 in the high nibble. */
function zeros4(bytes: Uint8Array, elements: number): number {
  let zeros = 0;
  const pairs = elements >>> 1;
  for (let i = 0; i < pairs; i++) {
    const b = bytes[i];
    if ((b & 0x0f) === 0) zeros++;
    if ((b & 0xf0) === 0) zeros++;
  }
  if (elements & 1 && (bytes[pairs] & 0x0f) === 0) zeros++;
  return zeros;
}
