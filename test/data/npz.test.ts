import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipStored } from '../../scripts/lib/zip.js';
import { encodeNpy, NpyFormatError, npyToFloat, type NpyArray } from '../../src/data/npy.js';
import { decodeNpz } from '../../src/data/npz.js';

const fixtures = resolve('test/eval/fixtures');
const values = (arrays: Map<string, NpyArray>) =>
  Object.fromEntries([...arrays].map(([name, a]) => [name, [a.dtype, a.shape, Array.from(npyToFloat(a))]]));

describe('decodeNpz', () => {
  const inputs = encodeNpy('f4', [2, 2], [1, 2, 3, 4]);
  const labels = encodeNpy('i8', [2], [1, 0]);
  const expected = { inputs: ['f4', [2, 2], [1, 2, 3, 4]], labels: ['i8', [2], [1, 0]] };
  it.each([
    {
      what: 'stored (np.savez, our example writer)',
      zip: zipStored([
        { name: 'inputs.npy', data: inputs },
        { name: 'labels.npy', data: labels },
      ]),
    },
    {
      what: 'deflated (np.savez_compressed)',
      zip: zipSync({ 'inputs.npy': inputs, 'labels.npy': labels }, { level: 6 }),
    },
    {
      what: 'with a directory and a non-.npy member',
      zip: zipSync({
        'inputs.npy': inputs,
        'notes/': {},
        'README.txt': new Uint8Array(3),
        'labels.npy': labels,
      }),
    },
  ])('reads $what, in archive order', ({ zip }) => {
    const arrays = decodeNpz(zip);
    expect([...arrays.keys()]).toEqual(['inputs', 'labels']);
    expect(values(arrays)).toEqual(expected);
  });

  it.each([
    {
      file: 'numpy-compressed.npz',
      expected: { inputs: ['f4', [4, 2], [0.5, 1, 2, -1, 0, 0.25, 3, 4]], labels: ['i8', [4], [0, 1, 1, 0]] },
    },
    {
      file: 'numpy-named.npz',
      expected: {
        a: ['f4', [3, 2], [0, 1, 2, 3, 4, 5]],
        b: ['i8', [3, 1], [1, 2, 3]],
        y: ['f8', [3], [0.5, 1.5, 2.5]],
      },
    },
  ])('reads $file written by NumPy (ZIP64 extra fields)', async ({ file, expected }) => {
    expect(values(decodeNpz(await readFile(join(fixtures, file))))).toEqual(expected);
  });

  it.each([
    { what: 'a non-ZIP file', zip: new Uint8Array(100), message: /not a ZIP\/\.npz archive/ },
    {
      what: 'a damaged member',
      zip: zipSync({ 'x.npy': new Uint8Array(12) }),
      message: /^array 'x': not a \.npy file/,
    },
  ])('rejects $what with NpyFormatError', ({ zip, message }) => {
    expect(() => decodeNpz(zip)).toThrow(NpyFormatError);
    expect(() => decodeNpz(zip)).toThrow(message);
  });
});
