/**
 * Loads `eval-data` (and `eval-labels`) into an `EvalData`, and takes the seeded `max-samples`
 * subset. Every problem becomes a `UserError` naming the input and the file.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { seededRandom } from '../../stats/prng.js';
import { decodeNpy } from '../../data/npy.js';
import type { EvalData, EvalOptions } from '../types.js';
import { DataError } from './errors.js';
import { fromNpy, fromNpz, labelsFromArray } from './npy-data.js';
import { fromCsv, fromJsonLines } from './text-data.js';

async function readBytes(path: string, input: string, cwd: string): Promise<Uint8Array> {
  const full = isAbsolute(path) ? path : resolve(cwd, path);
  try {
    return await readFile(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`;
    throw new UserError(`file ${path} ${why} (working directory ${cwd}). Check the path.`, {
      input,
      cause: error,
    });
  }
}

function parse(bytes: Uint8Array, path: string): EvalData {
  const lower = path.toLowerCase();
  const text = () => new TextDecoder().decode(bytes);
  if (lower.endsWith('.npz')) return fromNpz(bytes, path);
  if (lower.endsWith('.npy')) return fromNpy(bytes, path);
  if (lower.endsWith('.csv')) return fromCsv(text(), path);
  return fromJsonLines(text(), path);
}

/** Labels from `eval-labels`: .npy (1-D or 2-D), or the labels of a .jsonl/.csv file. */
function parseLabels(
  bytes: Uint8Array,
  path: string,
): { labels: Float64Array; count: number; width: number } {
  if (path.toLowerCase().endsWith('.npy')) {
    try {
      return labelsFromArray(decodeNpy(bytes));
    } catch (error) {
      throw error instanceof DataError ? error : new DataError((error as Error).message);
    }
  }
  const data = parse(bytes, path);
  if (!data.labels) throw new DataError('has no "label" values');
  return { labels: data.labels, count: data.count, width: data.targetSize ?? 1 };
}

/** The eval set, with labels attached, before subsetting. */
export async function loadEvalData(options: EvalOptions, cwd = process.cwd()): Promise<EvalData> {
  const bytes = await readBytes(options.dataPath, 'eval-data', cwd);
  let data: EvalData;
  try {
    data = parse(bytes, options.dataPath);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    throw new UserError(`${options.dataPath}: ${error.message}.`, { input: 'eval-data', cause: error });
  }
  if (data.count === 0) throw new UserError(`${options.dataPath} holds no samples.`, { input: 'eval-data' });
  if (options.labelsPath === undefined) return data;
  const labelBytes = await readBytes(options.labelsPath, 'eval-labels', cwd);
  let labels: { labels: Float64Array; count: number; width: number };
  try {
    labels = parseLabels(labelBytes, options.labelsPath);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    throw new UserError(`${options.labelsPath}: ${error.message}.`, { input: 'eval-labels', cause: error });
  }
  if (labels.count !== data.count) {
    throw new UserError(
      `${labels.count} labels in ${options.labelsPath} for ${data.count} samples in ${options.dataPath}; give exactly one label per sample, in the same order.`,
      { input: 'eval-labels' },
    );
  }
  return { ...data, labels: labels.labels, ...(labels.width > 1 ? { targetSize: labels.width } : {}) };
}

/** Indices of a seeded random subset of `size` out of `count`, in ascending (file) order. */
export function subsetIndices(count: number, size: number, seed: number): Int32Array {
  const all = Int32Array.from({ length: count }, (_, i) => i);
  if (size >= count) return all;
  const random = seededRandom(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (count - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.subarray(0, size).sort();
}

/** The samples at `indices`, in that order. */
export function selectSamples(data: EvalData, indices: Int32Array): EvalData {
  const pick = <T extends Float32Array | Float64Array>(values: T, width: number): T => {
    const out = (
      values instanceof Float32Array
        ? new Float32Array(indices.length * width)
        : new Float64Array(indices.length * width)
    ) as T;
    indices.forEach((index, n) => out.set(values.subarray(index * width, (index + 1) * width), n * width));
    return out;
  };
  const inputs = new Map(
    [...data.inputs].map(([name, column]) => {
      const width = column.sampleShape.reduce((a, b) => a * b, 1);
      return [name, { data: pick(column.data, width), sampleShape: column.sampleShape }] as const;
    }),
  );
  return {
    ...data,
    count: indices.length,
    inputs,
    ...(data.labels && { labels: pick(data.labels, data.targetSize ?? data.labels.length / data.count) }),
  };
}
