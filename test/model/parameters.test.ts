/** Parameter and nonzero counts per dtype and storage: raw_data, typed fields, external data. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/model/analyze.js';
import { countNonzeroBytes } from '../../src/model/nonzero.js';
import { DataType, type TensorProto } from '../../src/model/onnx-proto.js';
import { GraphBuilder, rawBytes, ramp, tempDir } from './helpers/graph-builder.js';

const withInits = (inits: TensorProto[]) => {
  const g = new GraphBuilder().input('x', [1]).node('Identity', ['x'], ['y']);
  g.initializers.push(...inits);
  return g;
};

const raw = (name: string, dataType: number, values: number[], dims = [values.length]): TensorProto => ({
  name,
  dims,
  dataType,
  rawData: rawBytes(dataType, values),
});

describe('nonzero counts by dtype', () => {
  const cases: {
    what: string;
    tensor: TensorProto;
    dtype: string;
    total: number;
    nonzero: number;
    bytes: number;
  }[] = [
    {
      what: 'float32 with +0 and −0',
      tensor: raw('a', DataType.FLOAT, [0, -0, 1.5, -2]),
      dtype: 'float32',
      total: 4,
      nonzero: 2,
      bytes: 16,
    },
    {
      what: 'float64',
      tensor: raw('a', DataType.DOUBLE, [0, -0, 1e-300]),
      dtype: 'float64',
      total: 3,
      nonzero: 1,
      bytes: 24,
    },
    {
      what: 'float16 bits (0, −0, 1.0, smallest subnormal)',
      tensor: raw('a', DataType.FLOAT16, [0x0000, 0x8000, 0x3c00, 0x0001]),
      dtype: 'float16',
      total: 4,
      nonzero: 2,
      bytes: 8,
    },
    {
      what: 'bfloat16 bits',
      tensor: raw('a', DataType.BFLOAT16, [0x8000, 0x3f80, 0]),
      dtype: 'bfloat16',
      total: 3,
      nonzero: 1,
      bytes: 6,
    },
    {
      what: 'int8',
      tensor: raw('a', DataType.INT8, [0, -1, 2, 0, 0]),
      dtype: 'int8',
      total: 5,
      nonzero: 2,
      bytes: 5,
    },
    {
      what: 'uint8',
      tensor: raw('a', DataType.UINT8, [0, 255, 128]),
      dtype: 'uint8',
      total: 3,
      nonzero: 2,
      bytes: 3,
    },
    {
      what: 'int32',
      tensor: raw('a', DataType.INT32, [0, -1, 0]),
      dtype: 'int32',
      total: 3,
      nonzero: 1,
      bytes: 12,
    },
    {
      what: 'int64 (high word only set)',
      tensor: raw('a', DataType.INT64, [0, 2 ** 40, 0]),
      dtype: 'int64',
      total: 3,
      nonzero: 1,
      bytes: 24,
    },
    {
      what: 'int4 packed, odd count',
      tensor: raw('a', DataType.INT4, [0, 1, 0, 7, 0]),
      dtype: 'int4',
      total: 5,
      nonzero: 2,
      bytes: 3,
    },
    {
      what: 'uint4 packed, 2-D',
      tensor: raw('a', DataType.UINT4, [3, 0, 0, 15], [2, 2]),
      dtype: 'uint4',
      total: 4,
      nonzero: 2,
      bytes: 2,
    },
    {
      what: 'float_data typed field',
      tensor: { name: 'a', dims: [3], dataType: DataType.FLOAT, floatData: [0, 1, -0] },
      dtype: 'float32',
      total: 3,
      nonzero: 1,
      bytes: 12,
    },
    {
      what: 'int64_data typed field',
      tensor: { name: 'a', dims: [2], dataType: DataType.INT64, int64Data: [0, 9] },
      dtype: 'int64',
      total: 2,
      nonzero: 1,
      bytes: 16,
    },
    {
      what: 'float16 in int32_data (bit patterns)',
      tensor: { name: 'a', dims: [3], dataType: DataType.FLOAT16, int32Data: [0x8000, 0x3c00, 0] },
      dtype: 'float16',
      total: 3,
      nonzero: 1,
      bytes: 6,
    },
    {
      what: 'double_data typed field',
      tensor: { name: 'a', dims: [2], dataType: DataType.DOUBLE, doubleData: [0.5, 0] },
      dtype: 'float64',
      total: 2,
      nonzero: 1,
      bytes: 16,
    },
  ];
  it.each(cases)('$what', async (c) => {
    const a = await analyzeModel(withInits([c.tensor]).write());
    expect(a.parameters).toMatchObject({ total: c.total, nonzero: c.nonzero, weightBytes: c.bytes });
    expect(a.parameters.byDtype).toEqual({
      [c.dtype]: { total: c.total, nonzero: c.nonzero, bytes: c.bytes },
    });
  });

  it('counts a large misaligned float32 buffer in chunks (scratch copy path)', () => {
    const n = 700_000; // > 1 MiB scratch
    const values = Float32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : i));
    const buf = new Uint8Array(n * 4 + 1);
    buf.set(new Uint8Array(values.buffer), 1);
    expect(countNonzeroBytes(buf.subarray(1), 'f32', n)).toBe(n - n / 5);
  });
});

describe('external data', () => {
  /** A Gemm model whose weight lives at `offset` in weights.bin. */
  function externalModel(offset: number): { dir: string; file: string; weights: number[] } {
    const dir = tempDir();
    const weights = ramp(64 * 32, (i) => i % 4 === 0);
    const data = rawBytes(DataType.FLOAT, weights);
    const blob = new Uint8Array(offset + data.length);
    blob.set(data, offset);
    writeFileSync(path.join(dir, 'weights.bin'), blob);
    const g = new GraphBuilder().input('x', ['batch', 32]).node('Gemm', ['x', 'w'], ['y'], { transB: 1 });
    g.initializers.push({
      name: 'w',
      dims: [64, 32],
      dataType: DataType.FLOAT,
      dataLocation: 1,
      externalData: [
        { key: 'location', value: 'weights.bin' },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(data.length) },
      ],
    });
    return { dir, file: g.write('model.onnx', dir), weights };
  }

  it('reads weights by range from the data file next to the model', async () => {
    const { dir, file } = externalModel(3);
    const a = await analyzeModel(file, { inputShapes: { x: [4, 32] } });
    expect(a.parameters).toMatchObject({ total: 2048, nonzero: 1536 });
    expect(a.macs).toMatchObject({ dense: 4 * 2048, sparse: 4 * 1536 });
    expect(a.model.externalDataBytes).toBe(3 + 2048 * 4);
    expect(path.dirname(a.model.path)).toBe(dir);
  });

  it('fails naming the model and the missing data file', async () => {
    const { dir, file } = externalModel(0);
    writeFileSync(path.join(dir, 'weights.bin'), ''); // replaced below by removal
    await import('node:fs/promises').then((fs) => fs.rm(path.join(dir, 'weights.bin')));
    await expect(analyzeModel(file)).rejects.toThrow(
      /model .*model\.onnx: cannot read its external data file weights\.bin/,
    );
  });

  it('fails when the data file is shorter than the tensor', async () => {
    const { dir, file } = externalModel(0);
    writeFileSync(path.join(dir, 'weights.bin'), new Uint8Array(100));
    await expect(analyzeModel(file)).rejects.toThrow(/weights\.bin holds 100 bytes/);
  });
});
