import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { TensorSpec } from '../../src/model/types.js';
import { buildWorkload } from '../../src/workload/feeds.js';
import { readWorkloadOptions } from '../../src/workload/inputs.js';
import { loadInputFiles } from '../../src/workload/load-files.js';
import { npyBytes } from '../data/npy-writer.js';
import { tempDir } from './models.js';

const ids: TensorSpec = { name: 'ids', dtype: 'int64', shape: ['batch', 4] };
const pixels: TensorSpec = { name: 'pixels', dtype: 'float32', shape: ['batch', 3] };
const specs = [ids, pixels];
let dir = '';

beforeAll(() => {
  dir = tempDir();
  const f32 = Float32Array.from([1, 2, 3, 4, 5, 6]);
  writeFileSync(join(dir, 'pixels.npy'), npyBytes('<f4', [2, 3], f32));
  writeFileSync(join(dir, 'pixels-f8.npy'), npyBytes('<f8', [2, 3], Float64Array.from(f32)));
  writeFileSync(join(dir, 'pixels-v2.npy'), npyBytes('<f4', [2, 3], f32, { version: 2 }));
  writeFileSync(join(dir, 'ids.npy'), npyBytes('<i8', [1, 4], BigInt64Array.from([1n, 2n, 3n, 4n])));
  const bigEndian = new DataView(new ArrayBuffer(f32.byteLength));
  f32.forEach((v, i) => bigEndian.setFloat32(i * 4, v, false));
  writeFileSync(join(dir, 'big-endian.npy'), npyBytes('>f4', [2, 3], bigEndian));
  writeFileSync(join(dir, 'fortran.npy'), npyBytes('<f4', [2, 3], f32, { fortran: true }));
  writeFileSync(join(dir, 'truncated.npy'), npyBytes('<f4', [2, 3], f32).slice(0, -4));
  writeFileSync(join(dir, 'not.npy'), 'hello');
  writeFileSync(join(dir, 'half.npy'), npyBytes('<f2', [1, 2], Uint16Array.of(0x3c00, 0x7bff)));
  writeFileSync(join(dir, 'ids-big.npy'), npyBytes('<i8', [1, 1], BigInt64Array.of(2n ** 60n + 1n)));
  writeFileSync(
    join(dir, 'all.npz'),
    zipSync({
      'ids.npy': npyBytes('<i8', [1, 4], BigInt64Array.from([5n, 6n, 7n, 8n])),
      'pixels.npy': npyBytes('<f4', [1, 3], Float32Array.from([7, 8, 9])),
    }),
  );
  writeFileSync(join(dir, 'not.npz'), 'hello');
  writeFileSync(
    join(dir, 'bad-member.npz'),
    zipSync({ 'pixels.npy': npyBytes('<f4', [1, 3], Float32Array.from([7, 8, 9])).slice(0, -1) }),
  );
  writeFileSync(join(dir, 'ids.json'), JSON.stringify([[9, 8, 7, 6]]));
  writeFileSync(join(dir, 'pixels.json'), JSON.stringify({ dims: [1, 3], data: [0.5, 1.5, 2.5] }));
  writeFileSync(join(dir, 'all.json'), JSON.stringify({ ids: [[1, 1, 1, 1]], pixels: [[2, 2, 2]] }));
  writeFileSync(join(dir, 'ragged.json'), JSON.stringify([[1, 2, 3], [4]]));
  writeFileSync(join(dir, 'float-ids.json'), JSON.stringify([[1.5, 2, 3, 4]]));
});

describe('loadInputFiles', () => {
  it.each([
    {
      what: '.npy pair',
      entries: [{ name: 'pixels', path: 'pixels.npy' }],
      name: 'pixels',
      dims: [2, 3],
      first: 1,
    },
    {
      what: '.npz by name',
      entries: [{ name: 'ids', path: 'all.npz' }],
      name: 'ids',
      dims: [1, 4],
      first: 5n,
    },
    { what: 'bare .npz', entries: [{ name: null, path: 'all.npz' }], name: 'pixels', dims: [1, 3], first: 7 },
    {
      what: 'JSON nested array',
      entries: [{ name: 'ids', path: 'ids.json' }],
      name: 'ids',
      dims: [1, 4],
      first: 9n,
    },
    {
      what: 'JSON dims/data',
      entries: [{ name: 'pixels', path: 'pixels.json' }],
      name: 'pixels',
      dims: [1, 3],
      first: 0.5,
    },
    {
      what: 'bare JSON',
      entries: [{ name: null, path: 'all.json' }],
      name: 'pixels',
      dims: [1, 3],
      first: 2,
    },
  ])('$what', async ({ entries, name, dims, first }) => {
    const tensors = await loadInputFiles(entries, specs, dir);
    expect(tensors.get(name)?.dims).toEqual(dims);
    expect(tensors.get(name)?.data[0]).toBe(first);
  });

  it.each([
    { file: 'pixels.npy', dtype: 'float32', dims: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) },
    { file: 'pixels-v2.npy', dtype: 'float32', dims: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) },
    { file: 'big-endian.npy', dtype: 'float32', dims: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) },
    { file: 'half.npy', dtype: 'float16', dims: [1, 2], data: Uint16Array.of(0x3c00, 0x7bff) },
    { file: 'ids-big.npy', dtype: 'int64', dims: [1, 1], data: BigInt64Array.of(2n ** 60n + 1n) },
  ])('$file → $dtype tensor with the exact bits', async ({ file, dtype, dims, data }) => {
    const tensors = await loadInputFiles([{ name: 'pixels', path: file }], specs, dir);
    expect(tensors.get('pixels')).toEqual({ dtype, dims, data });
  });

  it.each([
    {
      what: 'missing file',
      entries: [{ name: 'pixels', path: 'nope.npy' }],
      message: /input-files: cannot read nope\.npy .*Check the path/,
    },
    {
      what: 'Fortran order',
      entries: [{ name: 'pixels', path: 'fortran.npy' }],
      message: /^input-files: fortran\.npy: arrays in Fortran order are not supported/,
    },
    {
      what: 'truncated',
      entries: [{ name: 'pixels', path: 'truncated.npy' }],
      message: /^input-files: truncated\.npy: truncated: shape \(2, 3\) needs 24 bytes, found 20$/,
    },
    {
      what: 'not npy',
      entries: [{ name: 'pixels', path: 'not.npy' }],
      message: /^input-files: not\.npy: not a \.npy file/,
    },
    {
      what: 'not a zip',
      entries: [{ name: 'pixels', path: 'not.npz' }],
      message: /^input-files: not\.npz: not a ZIP\/\.npz archive/,
    },
    {
      what: 'bad array in an .npz',
      entries: [{ name: null, path: 'bad-member.npz' }],
      message: /^input-files: bad-member\.npz: array 'pixels': truncated/,
    },
    {
      what: 'unknown input',
      entries: [{ name: 'labels', path: 'pixels.npy' }],
      message: /"labels", which is not an input of the model \(inputs: ids, pixels\)/,
    },
    { what: 'bare npy', entries: [{ name: null, path: 'pixels.npy' }], message: /write NAME=path/ },
    { what: 'ragged JSON', entries: [{ name: 'pixels', path: 'ragged.json' }], message: /ragged/ },
    {
      what: 'float in int JSON',
      entries: [{ name: 'ids', path: 'float-ids.json' }],
      message: /1\.5 at flat index 0 is not a valid int64/,
    },
    {
      what: 'npz without the name',
      entries: [{ name: 'other', path: 'all.npz' }],
      message: /no array named "other"/,
    },
    {
      what: 'unknown extension',
      entries: [{ name: 'pixels', path: 'all.txt' }],
      message: /cannot read|unknown file type/,
    },
  ])('$what → UserError', async ({ entries, message }) => {
    const error = await loadInputFiles(entries, specs, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('buildWorkload with files', () => {
  const options = (files: string[]) => readWorkloadOptions({ 'input-files': files });

  it('keeps the first rows of a longer batch and synthesizes the rest', async () => {
    const w = await buildWorkload({
      base: specs,
      pruned: specs,
      inputShapes: {},
      batchSize: 1,
      options: options(['pixels=pixels.npy']),
      cwd: dir,
    });
    expect(w.base.pixels.dims).toEqual([1, 3]);
    expect(Array.from(w.base.pixels.data as Float32Array)).toEqual([1, 2, 3]);
    expect(w.sources).toEqual({ ids: 'synthesized', pixels: 'pixels.npy' });
    expect(w.pruned.pixels).toBe(w.base.pixels);
  });

  it.each([
    {
      what: 'wrong dtype in .npy',
      files: ['pixels=pixels-f8.npy'],
      batch: 1,
      message: /holds float64 but the model wants float32; convert it \(numpy: a\.astype\(np\.float32\)\)/,
    },
    {
      what: 'too few samples',
      files: ['ids=ids.npy'],
      batch: 2,
      message: /1 samples on axis 0, fewer than batch size 2/,
    },
    {
      what: 'rank differs',
      files: ['ids=ids.json'],
      batch: 1,
      specs: [{ ...ids, shape: ['batch', 4, 1] }],
      message: /rank differs/,
    },
    {
      what: 'fixed dim differs',
      files: ['pixels=pixels.npy'],
      batch: 2,
      specs: [{ ...pixels, shape: ['batch', 4] }],
      message: /fixes axis 1 at 4/,
    },
  ])('$what → UserError', async ({ files, batch, message, ...rest }) => {
    const s = (rest as { specs?: TensorSpec[] }).specs ?? specs;
    const error = await buildWorkload({
      base: s,
      pruned: s,
      inputShapes: {},
      batchSize: batch,
      options: options(files),
      cwd: dir,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
  });
});
