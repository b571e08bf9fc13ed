import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { TensorSpec } from '../../src/model/types.js';
import { buildWorkload } from '../../src/workload/feeds.js';
import { readWorkloadOptions } from '../../src/workload/inputs.js';
import { loadInputFiles } from '../../src/workload/load-files.js';
import { NpyFormatError, parseNpy } from '../../src/workload/npy.js';
import { tempDir } from './models.js';
import { npyBytes } from './npy-writer.js';

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
  writeFileSync(join(dir, 'big-endian.npy'), npyBytes('>f4', [2, 3], f32));
  writeFileSync(join(dir, 'fortran.npy'), npyBytes('<f4', [2, 3], f32, { fortran: true }));
  writeFileSync(join(dir, 'truncated.npy'), npyBytes('<f4', [2, 3], f32).slice(0, -4));
  writeFileSync(join(dir, 'not.npy'), 'hello');
  writeFileSync(
    join(dir, 'all.npz'),
    zipSync({
      'ids.npy': npyBytes('<i8', [1, 4], BigInt64Array.from([5n, 6n, 7n, 8n])),
      'pixels.npy': npyBytes('<f4', [1, 3], Float32Array.from([7, 8, 9])),
    }),
  );
  writeFileSync(join(dir, 'ids.json'), JSON.stringify([[9, 8, 7, 6]]));
  writeFileSync(join(dir, 'pixels.json'), JSON.stringify({ dims: [1, 3], data: [0.5, 1.5, 2.5] }));
  writeFileSync(join(dir, 'all.json'), JSON.stringify({ ids: [[1, 1, 1, 1]], pixels: [[2, 2, 2]] }));
  writeFileSync(join(dir, 'ragged.json'), JSON.stringify([[1, 2, 3], [4]]));
  writeFileSync(join(dir, 'float-ids.json'), JSON.stringify([[1.5, 2, 3, 4]]));
});

describe('parseNpy', () => {
  it('reads versions 1 and 2 with shape and dtype', () => {
    for (const file of ['pixels.npy', 'pixels-v2.npy']) {
      const t = parseNpy(new Uint8Array(readFileSync(join(dir, file))));
      expect(t).toMatchObject({ dtype: 'float32', dims: [2, 3] });
      expect(Array.from(t.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });
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
    {
      what: 'missing file',
      entries: [{ name: 'pixels', path: 'nope.npy' }],
      message: /input-files: cannot read nope\.npy .*Check the path/,
    },
    {
      what: 'big-endian',
      entries: [{ name: 'pixels', path: 'big-endian.npy' }],
      message: /big-endian\.npy: unsupported dtype '>f4'/,
    },
    { what: 'Fortran order', entries: [{ name: 'pixels', path: 'fortran.npy' }], message: /Fortran order/ },
    { what: 'truncated', entries: [{ name: 'pixels', path: 'truncated.npy' }], message: /truncated/ },
    { what: 'not npy', entries: [{ name: 'pixels', path: 'not.npy' }], message: /not a \.npy file/ },
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

  it('NpyFormatError is internal; callers see UserError', () => {
    expect(() => parseNpy(new Uint8Array(4))).toThrow(NpyFormatError);
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
