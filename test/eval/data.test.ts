import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipStored } from '../../scripts/lib/zip.js';
import { encodeNpy } from '../../src/data/npy.js';
import { UserError } from '../../src/errors.js';
import { loadEvalData, selectSamples, subsetIndices } from '../../src/eval/data/load.js';
import { fromCsv, fromJsonLines } from '../../src/eval/data/text-data.js';
import { readEvalOptions } from '../../src/eval/inputs.js';

async function dir(files: Record<string, Uint8Array | string | undefined>): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'cd-eval-'));
  for (const [name, content] of Object.entries(files))
    if (content !== undefined) await writeFile(join(d, name), content);
  return d;
}

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
    {
      what: 'bad array inside an .npz',
      files: {
        'e.npz': zipStored([
          { name: 'inputs.npy', data: encodeNpy('f4', [2, 1], [1, 2]).subarray(0, -4) },
          { name: 'labels.npy', data: encodeNpy('i8', [2], [0, 1]) },
        ]),
      },
      values: { 'eval-data': 'e.npz' },
      message: /^eval-data: e.npz: array 'inputs': truncated: shape \(2, 1\) needs 8 bytes, found 4\.$/,
    },
    {
      what: 'not a ZIP',
      files: { 'e.npz': 'hello' },
      values: { 'eval-data': 'e.npz' },
      message: /^eval-data: e.npz: not a ZIP\/\.npz archive/,
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
  it('one-hot labels from eval-labels stay [count, classes] until scoring', async () => {
    const cwd = await dir({ 'x.npy': encodeNpy('f4', [3, 2], [0, 0, 1, 0, 0, 1]) });
    const data = await loadEvalData(
      readEvalOptions({ 'eval-data': 'x.npy', 'eval-labels': join(fixtures, 'numpy-onehot.npy') })!,
      cwd,
    );
    expect([data.targetSize, data.labels!.length]).toEqual([3, 9]);
  });
});
