import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy, NpyFormatError, npyToFloat } from '../../src/data/npy.js';
import { npyBytes } from './npy-writer.js';

const fixtures = resolve('test/eval/fixtures');
const bytes = (...values: number[]) => Uint8Array.from(values);

describe('encodeNpy / decodeNpy', () => {
  it.each([
    { dtype: 'f4' as const, shape: [2, 3], values: [0.5, -1, 2, 3.25, 4, 5], data: Float32Array },
    { dtype: 'f8' as const, shape: [3], values: [Math.PI, -0, 1e-300], data: Float64Array },
    { dtype: 'i4' as const, shape: [2, 1], values: [-7, 2 ** 31 - 1], data: Int32Array },
    { dtype: 'f4' as const, shape: [0, 5], values: [], data: Float32Array },
  ])('round trip $dtype $shape, header aligned to 64 bytes', ({ dtype, shape, values, data }) => {
    const encoded = encodeNpy(dtype, shape, values);
    const headerLength = new DataView(encoded.buffer).getUint16(8, true);
    expect((10 + headerLength) % 64).toBe(0);
    expect(decodeNpy(encoded)).toEqual({ dtype, shape, data: data.from(values) });
  });

  it('int64 round trip keeps every bit (no float64 widening)', () => {
    const decoded = decodeNpy(encodeNpy('i8', [4], [0, 1, -1, 2 ** 40]));
    expect(decoded.data).toEqual(BigInt64Array.from([0n, 1n, -1n, 2n ** 40n]));
    const big = decodeNpy(npyBytes('<i8', [1], BigInt64Array.of(2n ** 60n + 1n)));
    expect(big.data).toEqual(BigInt64Array.of(2n ** 60n + 1n));
  });
});

describe('decodeNpy', () => {
  it.each([
    {
      what: 'big-endian float32',
      descr: '>f4',
      raw: bytes(0x3f, 0x80, 0, 0, 0xc0, 0, 0, 0),
      version: 1 as const,
      dtype: 'f4',
      values: [1, -2],
    },
    {
      what: 'big-endian int64',
      descr: '>i8',
      raw: bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe),
      version: 1 as const,
      dtype: 'i8',
      values: [-2n],
    },
    {
      what: 'big-endian uint16',
      descr: '>u2',
      raw: bytes(0x01, 0x02),
      version: 1 as const,
      dtype: 'u2',
      values: [0x0102],
    },
    {
      what: 'version 2 header, uint8',
      descr: '|u1',
      raw: bytes(0, 7, 255),
      version: 2 as const,
      dtype: 'u1',
      values: [0, 7, 255],
    },
    {
      what: 'version 3 header, int16',
      descr: '<i2',
      raw: bytes(0xff, 0xff, 2, 0),
      version: 3 as const,
      dtype: 'i2',
      values: [-1, 2],
    },
    {
      what: 'float16 as its bits',
      descr: '<f2',
      raw: bytes(0x00, 0x3c, 0x00, 0xc0, 0x00, 0x35),
      version: 1 as const,
      dtype: 'f2',
      values: [0x3c00, 0xc000, 0x3500],
    },
    { what: 'bool', descr: '|b1', raw: bytes(1, 0), version: 1 as const, dtype: 'b1', values: [1, 0] },
  ])('reads $what in its own dtype', ({ descr, raw, version, dtype, values }) => {
    const array = decodeNpy(npyBytes(descr, [values.length], raw, { version }));
    expect(array.dtype).toBe(dtype);
    expect(Array.from(array.data as ArrayLike<number | bigint>)).toEqual(values);
  });

  it('reads an unaligned member (as inside an .npz) into an aligned copy', () => {
    const inner = npyBytes('<f8', [2], Float64Array.of(1.5, -3));
    const padded = new Uint8Array(inner.length + 3);
    padded.set(inner, 3);
    const array = decodeNpy(padded.subarray(3));
    expect(array.data).toEqual(Float64Array.of(1.5, -3));
    padded.fill(0);
    expect(array.data).toEqual(Float64Array.of(1.5, -3));
  });

  it.each([
    { what: 'bad magic', npy: new Uint8Array(20), message: /not a \.npy file \(bad magic/ },
    {
      what: 'version 4',
      npy: npyBytes('<f4', [1], new Float32Array(1)).fill(4, 6, 7),
      message: /unsupported \.npy format version 4/,
    },
    {
      what: 'fortran order',
      npy: npyBytes('<f4', [1], new Float32Array(1), { fortran: true }),
      message: /Fortran order/,
    },
    { what: 'strings', npy: npyBytes('<U3', [1], new Uint8Array(0)), message: /unsupported dtype '<U3'/ },
    {
      what: 'no byte order on a wide type',
      npy: npyBytes('|f4', [1], new Float32Array(1)),
      message: /unsupported dtype '\|f4'/,
    },
    {
      what: 'truncated data',
      npy: npyBytes('<f4', [2], new Float32Array(1)),
      message: /truncated: shape \(2\) needs 8 bytes, found 4/,
    },
    {
      what: 'no header dict',
      npy: bytes(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 2, 0, 0x7b, 0x7d),
      message: /malformed \.npy header "\{\}"/,
    },
  ])('rejects $what with NpyFormatError', ({ npy, message }) => {
    expect(() => decodeNpy(npy)).toThrow(NpyFormatError);
    expect(() => decodeNpy(npy)).toThrow(message);
  });
});

describe('npyToFloat', () => {
  it.each([
    {
      descr: '<f2',
      raw: bytes(0x00, 0x3c, 0x00, 0xc0, 0x00, 0x35, 0x00, 0x7c),
      type: Float32Array,
      values: [1, -2, 0.3125, Infinity],
    },
    { descr: '<f4', raw: Float32Array.of(0.5, 2), type: Float32Array, values: [0.5, 2] },
    { descr: '<i8', raw: BigInt64Array.of(-3n, 7n), type: Float64Array, values: [-3, 7] },
    { descr: '<u8', raw: BigUint64Array.of(2n ** 63n), type: Float64Array, values: [2 ** 63] },
    { descr: '|b1', raw: bytes(1, 0, 1), type: Float64Array, values: [1, 0, 1] },
  ])('$descr → $type.name', ({ descr, raw, type, values }) => {
    const count = raw.byteLength / (Number(descr.slice(2)) || 1);
    const floats = npyToFloat(decodeNpy(npyBytes(descr, [count], raw)));
    expect(floats).toBeInstanceOf(type);
    expect(Array.from(floats)).toEqual(values);
  });
});

describe('files written by NumPy (test/eval/fixtures)', () => {
  it.each([
    { file: 'numpy-bigendian.npy', dtype: 'f8', shape: [2], values: [1.5, -2.25] },
    { file: 'numpy-bool.npy', dtype: 'b1', shape: [3], values: [1, 0, 1] },
    { file: 'numpy-onehot.npy', dtype: 'f4', shape: [3, 3], values: [0, 0, 1, 1, 0, 0, 0, 1, 0] },
  ])('np.save: $file', async ({ file, dtype, shape, values }) => {
    const array = decodeNpy(await readFile(join(fixtures, file)));
    expect([array.dtype, array.shape, Array.from(npyToFloat(array))]).toEqual([dtype, shape, values]);
  });
});
