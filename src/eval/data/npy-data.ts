/**
 * Eval sets from NumPy files. `.npz`: arrays `inputs` (or `x`) for the model's single input, or
 * one array per model input name, and `labels` (or `label`, `y`, `targets`). `.npy`: the inputs
 * alone (labels come from `eval-labels`). The first dimension is the sample.
 */
import { decodeNpy, npyToFloat, type NpyArray } from '../../data/npy.js';
import { decodeNpz } from '../../data/npz.js';
import type { EvalData, InputColumn } from '../types.js';
import { DataError } from './errors.js';

export const LABEL_KEYS = ['labels', 'label', 'y', 'targets'];
const SINGLE_INPUT_KEYS = ['inputs', 'x'];

function column(array: NpyArray, what: string): { count: number; column: InputColumn } {
  if (array.shape.length === 0)
    throw new DataError(`${what} is a scalar; the first dimension must be the sample`);
  return { count: array.shape[0], column: { data: npyToFloat(array), sampleShape: array.shape.slice(1) } };
}

/** Labels as one value per sample, or [count, width] targets; one-hot rows stay 2-D here. */
export function labelsFromArray(array: NpyArray): { count: number; labels: Float64Array; width: number } {
  if (array.shape.length === 0 || array.shape.length > 2) {
    throw new DataError(`labels must be 1-D (one per sample) or 2-D, got shape (${array.shape.join(', ')})`);
  }
  return {
    count: array.shape[0],
    labels: Float64Array.from(npyToFloat(array)),
    width: array.shape.length === 2 ? array.shape[1] : 1,
  };
}

export function fromNpy(bytes: Uint8Array, source: string): EvalData {
  let array: NpyArray;
  try {
    array = decodeNpy(bytes);
  } catch (error) {
    throw new DataError((error as Error).message);
  }
  const { count, column: input } = column(array, 'the array');
  return { count, inputs: new Map([['', input]]), source };
}

export function fromNpz(bytes: Uint8Array, source: string): EvalData {
  let arrays: Map<string, NpyArray>;
  try {
    arrays = decodeNpz(bytes);
  } catch (error) {
    throw new DataError((error as Error).message);
  }
  const labelKey = LABEL_KEYS.find((k) => arrays.has(k));
  const inputKeys = [...arrays.keys()].filter((k) => k !== labelKey);
  if (inputKeys.length === 0) {
    throw new DataError(
      `no input arrays (found ${[...arrays.keys()].join(', ') || 'nothing'}); save the inputs as 'inputs'`,
    );
  }
  const inputs = new Map<string, InputColumn>();
  const counts = new Map<string, number>();
  for (const key of inputKeys) {
    const { count, column: input } = column(arrays.get(key)!, `array '${key}'`);
    const name = inputKeys.length === 1 && SINGLE_INPUT_KEYS.includes(key) ? '' : key;
    inputs.set(name, input);
    counts.set(key, count);
  }
  const distinct = new Set(counts.values());
  if (distinct.size > 1) {
    throw new DataError(
      `input arrays disagree on the sample count: ${[...counts].map(([k, n]) => `${k}: ${n}`).join(', ')}`,
    );
  }
  const count = [...distinct][0];
  if (labelKey === undefined) return { count, inputs, source };
  const labels = labelsFromArray(arrays.get(labelKey)!);
  if (labels.count !== count) {
    throw new DataError(
      `${labels.count} labels in '${labelKey}' for ${count} samples; they must match one to one`,
    );
  }
  return {
    count,
    inputs,
    labels: labels.labels,
    ...(labels.width > 1 && { targetSize: labels.width }),
    source,
  };
}
