import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { evalInputs, readEvalOptions } from '../../src/eval/inputs.js';

describe('readEvalOptions', () => {
  it('no eval-data: accuracy is not evaluated', () => {
    expect(readEvalOptions({})).toBeUndefined();
  });

  it('defaults', () => {
    expect(readEvalOptions({ 'eval-data': 'data/eval.npz' })).toEqual({
      dataPath: 'data/eval.npz',
      task: 'classification',
      topK: 5,
      seed: 0,
      batchSize: 32,
      outputsAre: 'auto',
      confidence: 0.95,
      resamples: 2000,
    });
  });

  it('every input given', () => {
    expect(
      readEvalOptions({
        'eval-data': 'x.npy',
        'eval-labels': 'y.npy',
        task: 'binary',
        'output-name': 'prob',
        'input-name': 'features',
        'top-k': 3,
        'max-samples': 100,
        'eval-seed': 7,
        'eval-batch-size': 8,
        'outputs-are': 'probabilities',
        confidence: 0.9,
      }),
    ).toEqual({
      dataPath: 'x.npy',
      labelsPath: 'y.npy',
      task: 'binary',
      outputName: 'prob',
      inputName: 'features',
      topK: 3,
      maxSamples: 100,
      seed: 7,
      batchSize: 8,
      outputsAre: 'probabilities',
      confidence: 0.9,
      resamples: 2000,
    });
  });

  it.each([
    {
      what: 'unknown task',
      values: { 'eval-data': 'a.npz', task: 'segmentation' },
      message: /^task: unknown value "segmentation"; use one of classification, binary, regression/,
    },
    {
      what: 'unknown outputs-are',
      values: { 'eval-data': 'a.npz', 'outputs-are': 'scores' },
      message: /^outputs-are: unknown value "scores"/,
    },
    {
      what: 'labels without data',
      values: { 'eval-labels': 'y.npy' },
      message: /^eval-labels: labels "y.npy" given without eval-data/,
    },
    {
      what: 'unsupported data file',
      values: { 'eval-data': 'data.parquet' },
      message: /^eval-data: "data.parquet" has an unsupported extension; use one of \.npy, \.npz/,
    },
    {
      what: 'unsupported labels file',
      values: { 'eval-data': 'x.npy', 'eval-labels': 'y.txt' },
      message: /^eval-labels: "y.txt": labels must be/,
    },
    {
      what: 'top-k below 1',
      values: { 'eval-data': 'a.npz', 'top-k': 0 },
      message: /^top-k: expected an integer ≥ 1, got 0/,
    },
    {
      what: 'fractional batch',
      values: { 'eval-data': 'a.npz', 'eval-batch-size': 2.5 },
      message: /^eval-batch-size: expected an integer ≥ 1, got 2.5/,
    },
  ])('$what → UserError naming the input', ({ values, message }) => {
    expect(() => readEvalOptions(values)).toThrow(UserError);
    expect(() => readEvalOptions(values)).toThrow(message);
  });

  it('declares each input once, kebab-case, with a description', () => {
    const names = evalInputs.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const def of evalInputs) {
      expect(def.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(def.description.length).toBeGreaterThan(20);
    }
  });
});
