import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, zipStored } from '../../scripts/lib/zip.js';
import { UserError } from '../../src/errors.js';
import { loadEvalData, selectSamples, subsetIndices } from '../../src/eval/data/load.js';
import { fromCsv, fromJsonLines } from '../../src/eval/data/text-data.js';
import { readEvalOptions } from '../../src/eval/inputs.js';
import { decodeNpy, encodeNpy } from '../../src/eval/npy.js';
import { readZip } from '../../src/eval/zip.js';

/** A .npy with a hand-written header (any version / byte order) and raw data bytes. */
function rawNpy(header: string, data: number[], version = 1): Uint8Array {
  const prefix = version === 1 ? 10 : 12;
  const padded = header + ' '.repeat((64 - ((prefix + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(prefix + padded.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, padded.length, true);
  else view.setUint32(8, padded.length, true);
  for (let i = 0; i < padded.length; i++) out[prefix + i] = padded.charCodeAt(i);
  out.set(data, prefix + padded.length);
  return out;
}

/** A ZIP with deflated entries, as `np.savez_compressed` writes. */
function zipDeflated(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const packed = deflateRawSync(f.data);
    const name = Buffer.from(f.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(f.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(f.data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(f.data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + packed.length;
  }
  const size = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

async function dir(files: Record<string, Uint8Array | string | undefined>): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'cd-eval-'));
  for (const [name, content] of Object.entries(files))
    if (content !== undefined) await writeFile(join(d, name), content);
  return d;
}

describe('.npy', () => {
  it.each([
    { dtype: 'f4' as const, shape: [2, 3], values: [0.5, -1, 2, 3.25, 4, 5] },
    { dtype: 'f8' as const, shape: [3], values: [Math.PI, -0, 1e-300] },
    { dtype: 'i4' as const, shape: [2, 1], values: [-7, 2 ** 31 - 1] },
    { dtype: 'i8' as const, shape: [4], values: [0, 1, -1, 2 ** 40] },
    { dtype: 'f4' as const, shape: [0, 5], values: [] },
  ])('round trip $dtype $shape, header aligned to 64 bytes', ({ dtype, shape, values }) => {
    const bytes = encodeNpy(dtype, shape, values);
    const headerLength = new DataView(bytes.buffer).getUint16(8, true);
    expect((10 + headerLength) % 64).toBe(0);
    const data = dtype === 'f4' ? Float32Array.from(values) : Float64Array.from(values);
    expect(decodeNpy(bytes)).toEqual({ dtype, shape, data });
  });

  it.each([
    {
      what: 'big-endian float32',
      header: "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }",
      data: [0x3f, 0x80, 0, 0, 0xc0, 0, 0, 0],
      version: 1,
      expected: [1, -2],
    },
    {
      what: 'version 2 header, uint8',
      header: "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }",
      data: [0, 7, 255],
      version: 2,
      expected: [0, 7, 255],
    },
    {
      what: 'float16',
      header: "{'descr': '<f2', 'fortran_order': False, 'shape': (3,), }",
      data: [0x00, 0x3c, 0x00, 0xc0, 0x00, 0x35],
      version: 1,
      expected: [1, -2, 0.3125],
    },
    {
      what: 'bool',
      header: "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }",
      data: [1, 0],
      version: 1,
      expected: [1, 0],
    },
  ])('reads $what', ({ header, data, version, expected }) => {
    expect(Array.from(decodeNpy(rawNpy(header, data, version)).data)).toEqual(expected);
  });

  it.each([
    { what: 'bad magic', bytes: new Uint8Array(20), message: /bad magic/ },
    {
      what: 'fortran order',
      bytes: rawNpy("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", [0, 0, 0, 0]),
      message: /Fortran-order/,
    },
    {
      what: 'strings',
      bytes: rawNpy("{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }", []),
      message: /unsupported dtype '<U3'/,
    },
    {
      what: 'truncated data',
      bytes: rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", [0, 0, 0, 0]),
      message: /truncated: shape \(2\) needs 8 bytes, found 4/,
    },
  ])('rejects $what', ({ bytes, message }) => {
    expect(() => decodeNpy(bytes)).toThrow(message);
  });
});

describe('.npz (ZIP)', () => {
  const files = [
    { name: 'inputs.npy', data: encodeNpy('f4', [2, 2], [1, 2, 3, 4]) },
    { name: 'labels.npy', data: encodeNpy('i8', [2], [1, 0]) },
  ];
  it.each([
    { what: 'stored (np.savez)', zip: zipStored(files) },
    { what: 'deflated (np.savez_compressed)', zip: zipDeflated(files) },
  ])('reads $what', ({ zip }) => {
    const entries = readZip(zip);
    expect([...entries.keys()]).toEqual(['inputs.npy', 'labels.npy']);
    expect(Array.from(decodeNpy(entries.get('labels.npy')!).data)).toEqual([1, 0]);
  });
  it('rejects a non-ZIP file', () => {
    expect(() => readZip(new Uint8Array(100))).toThrow(/not a ZIP/);
  });
});

describe('JSON Lines and CSV', () => {
  it('JSON Lines with named inputs and labels; blank lines skipped', () => {
    const data = fromJsonLines(
      '{"inputs": {"a": [[1, 2]], "b": 3}, "label": 1}\n\n{"inputs": {"a": [[4, 5]], "b": 6}, "label": 0}\n',
      's.jsonl',
    );
    expect(data.count).toBe(2);
    expect(data.inputs.get('a')).toEqual({ data: Float64Array.from([1, 2, 4, 5]), sampleShape: [1, 2] });
    expect(data.inputs.get('b')).toEqual({ data: Float64Array.from([3, 6]), sampleShape: [] });
    expect(Array.from(data.labels!)).toEqual([1, 0]);
  });
  it('JSON Lines with an unnamed input and no labels', () => {
    const data = fromJsonLines('{"inputs": [1, 2, 3]}\n{"inputs": [4, 5, 6]}', 's.jsonl');
    expect(data.inputs.get('')!.sampleShape).toEqual([3]);
    expect(data.labels).toBeUndefined();
  });
  it.each([
    { what: 'invalid JSON', text: '{"inputs": [1]}\n{oops', message: /line 2: not valid JSON/ },
    {
      what: 'ragged shapes',
      text: '{"inputs": [1, 2]}\n{"inputs": [1, 2, 3]}',
      message: /line 2: input 'inputs' has shape \[3\], earlier samples \[2\]/,
    },
    {
      what: 'some lines unlabelled',
      text: '{"inputs": [1], "label": 0}\n{"inputs": [2]}',
      message: /1 of 2 lines have a "label"/,
    },
    { what: 'no inputs', text: '{"label": 1}', message: /line 1: expected an object with "inputs"/ },
  ])('JSON Lines: $what', ({ text, message }) => {
    expect(() => fromJsonLines(text, 's.jsonl')).toThrow(message);
  });
  it('CSV: features and a label column in any position', () => {
    const data = fromCsv('f1,label,f2\n0.5,1,2\n-1,0,3\n', 't.csv');
    expect(data.inputs.get('')).toEqual({ data: Float64Array.from([0.5, 2, -1, 3]), sampleShape: [2] });
    expect(Array.from(data.labels!)).toEqual([1, 0]);
  });
  it.each([
    { text: 'a,b\n1,2,3', message: /line 2: 3 cells, the header has 2/ },
    { text: 'a,b\n1,x', message: /line 2, column 'b': "x" is not a number/ },
    { text: 'a,b', message: /a header row and at least one data row/ },
  ])('CSV rejects $text', ({ text, message }) => {
    expect(() => fromCsv(text, 't.csv')).toThrow(message);
  });
});

describe('loadEvalData', () => {
  it('inputs .npy + labels .npy, relative to cwd', async () => {
    const cwd = await dir({
      'x.npy': encodeNpy('f4', [3, 2], [1, 2, 3, 4, 5, 6]),
      'y.npy': encodeNpy('i8', [3], [2, 0, 1]),
    });
    const data = await loadEvalData(readEvalOptions({ 'eval-data': 'x.npy', 'eval-labels': 'y.npy' })!, cwd);
    expect(data.count).toBe(3);
    expect(Array.from(data.labels!)).toEqual([2, 0, 1]);
  });
  it.each([
    {
      what: 'wrong label count',
      files: { 'x.npy': encodeNpy('f4', [3, 2], [1, 2, 3, 4, 5, 6]), 'y.npy': encodeNpy('i8', [2], [0, 1]) },
      values: { 'eval-data': 'x.npy', 'eval-labels': 'y.npy' },
      message: /^eval-labels: 2 labels in y.npy for 3 samples in x.npy; give exactly one label per sample/,
    },
    {
      what: 'wrong label count inside an .npz',
      files: {
        'e.npz': zipStored([
          { name: 'inputs.npy', data: encodeNpy('f4', [2, 1], [1, 2]) },
          { name: 'labels.npy', data: encodeNpy('i8', [3], [0, 1, 0]) },
        ]),
      },
      values: { 'eval-data': 'e.npz' },
      message: /^eval-data: e.npz: 3 labels in 'labels' for 2 samples/,
    },
    {
      what: 'missing file',
      files: {},
      values: { 'eval-data': 'nope.npz' },
      message: /^eval-data: file nope.npz not found \(working directory /,
    },
    {
      what: 'corrupt .npy',
      files: { 'x.npy': 'hello' },
      values: { 'eval-data': 'x.npy' },
      message: /^eval-data: x.npy: not a .npy file/,
    },
    {
      what: 'corrupt labels',
      files: { 'x.npy': encodeNpy('f4', [1], [1]), 'y.npy': 'junk' },
      values: { 'eval-data': 'x.npy', 'eval-labels': 'y.npy' },
      message: /^eval-labels: y.npy: not a .npy file/,
    },
  ])('$what → UserError', async ({ files, values, message }) => {
    const cwd = await dir(files);
    const load = loadEvalData(readEvalOptions(values)!, cwd);
    await expect(load).rejects.toThrow(UserError);
    await expect(loadEvalData(readEvalOptions(values)!, cwd)).rejects.toThrow(message);
  });

  it('seeded subset: the same seed picks the same samples, in file order', () => {
    const a = subsetIndices(100, 10, 3);
    expect(Array.from(a)).toEqual(Array.from(subsetIndices(100, 10, 3)));
    expect(Array.from(a)).toEqual([...a].sort((x, y) => x - y));
    expect(new Set(a).size).toBe(10);
    expect(Array.from(subsetIndices(100, 10, 4))).not.toEqual(Array.from(a));
    expect(subsetIndices(5, 10, 1).length).toBe(5);
  });
  it('selectSamples keeps inputs and labels aligned', () => {
    const data = fromCsv('a,b,label\n1,2,0\n3,4,1\n5,6,2\n', 't.csv');
    const picked = selectSamples(data, Int32Array.from([0, 2]));
    expect(Array.from(picked.inputs.get('')!.data)).toEqual([1, 2, 5, 6]);
    expect(Array.from(picked.labels!)).toEqual([0, 2]);
    expect(picked.count).toBe(2);
  });
});

describe('files written by NumPy (test/eval/fixtures)', () => {
  const fixtures = resolve('test/eval/fixtures');
  it('np.savez_compressed with inputs and labels', async () => {
    const data = await loadEvalData(readEvalOptions({ 'eval-data': 'numpy-compressed.npz' })!, fixtures);
    expect(data.count).toBe(4);
    expect(data.inputs.get('')).toEqual({
      data: Float32Array.from([0.5, 1, 2, -1, 0, 0.25, 3, 4]),
      sampleShape: [2],
    });
    expect(Array.from(data.labels!)).toEqual([0, 1, 1, 0]);
  });
  it('np.savez with one array per input name and labels as y', async () => {
    const data = await loadEvalData(readEvalOptions({ 'eval-data': 'numpy-named.npz' })!, fixtures);
    expect([...data.inputs.keys()]).toEqual(['a', 'b']);
    expect(data.inputs.get('b')).toEqual({ data: Float64Array.from([1, 2, 3]), sampleShape: [1] });
    expect(Array.from(data.labels!)).toEqual([0.5, 1.5, 2.5]);
  });
  it.each([
    { file: 'numpy-bigendian.npy', dtype: 'f8', values: [1.5, -2.25] },
    { file: 'numpy-bool.npy', dtype: 'b1', values: [1, 0, 1] },
  ])('np.save: $file', async ({ file, dtype, values }) => {
    const array = decodeNpy(await readFile(join(fixtures, file)));
    expect([array.dtype, Array.from(array.data)]).toEqual([dtype, values]);
  });
  it('one-hot labels from eval-labels stay [count, classes] until scoring', async () => {
    const cwd = await dir({ 'x.npy': encodeNpy('f4', [3, 2], [0, 0, 1, 0, 0, 1]) });
    const data = await loadEvalData(
      readEvalOptions({ 'eval-data': 'x.npy', 'eval-labels': join(fixtures, 'numpy-onehot.npy') })!,
      cwd,
    );
    expect([data.targetSize, data.labels!.length]).toEqual([3, 9]);
  });
});
