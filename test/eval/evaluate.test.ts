import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  floatTensor,
  floatValueInfo,
  int64Tensor,
  node,
  serializeModel,
  tensorValues,
} from '../../scripts/lib/onnx-builder.js';
import { createRng } from '../../scripts/lib/prng.js';
import { zipStored } from '../../scripts/lib/zip.js';
import { UserError } from '../../src/errors.js';
import { evaluateAccuracy } from '../../src/eval/evaluate.js';
import { readEvalOptions } from '../../src/eval/inputs.js';
import { encodeNpy } from '../../src/data/npy.js';
import { decodeNpz } from '../../src/data/npz.js';
import { decodeModel, encodeModel } from '../../src/model/onnx-proto.js';
import type { InputValues } from '../../src/config/define.js';

const BASE = resolve('examples/base.onnx');
const EVAL = resolve('examples/eval/eval.npz');
let dir: string;

/** BASE with Gaussian noise (σ = `scale` × the layer's RMS) added to the conv3 and fc weights. */
async function noisyCopy(scale: number): Promise<string> {
  const model = decodeModel(await readFile(BASE));
  const rng = createRng(42);
  model.graph!.initializer = model.graph!.initializer!.map((t) => {
    if (t.name !== 'conv3.weight' && t.name !== 'fc.weight') return t;
    const values = tensorValues(t);
    const rms = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
    return floatTensor(
      t.name!,
      t.dims!.map(Number),
      values.map((v) => v + scale * rms * rng.normal()),
    );
  });
  const path = join(dir, `noisy-${scale}.onnx`);
  await writeFile(path, encodeModel(model));
  return path;
}

/** A one-layer model: `input` [batch, features] → Gemm → `out` [batch, outputs]. */
async function gemmModel(
  name: string,
  w: number[][],
  b: number[],
  batch: number | string = 'batch',
): Promise<string> {
  const path = join(dir, `${name}.onnx`);
  const outputs = w.length;
  const features = w[0].length;
  await writeFile(
    path,
    serializeModel({
      name,
      inputs: [floatValueInfo('input', [batch, features])],
      outputs: [floatValueInfo('out', [batch, outputs])],
      initializers: [floatTensor('W', [outputs, features], w.flat()), floatTensor('B', [outputs], b)],
      nodes: [node('Gemm', ['input', 'W', 'B'], ['out'], { transB: 1 })],
    }),
  );
  return path;
}

const run = (values: InputValues, basePath = BASE, prunedPath = BASE) =>
  evaluateAccuracy({ ort, basePath, prunedPath, options: readEvalOptions(values)!, cwd: dir });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd-accuracy-'));
});

describe('evaluateAccuracy on the example models (onnxruntime-node)', () => {
  it('BASE vs a byte-identical copy: 100% agreement, a drop of exactly 0', async () => {
    const copy = join(dir, 'copy.onnx');
    await copyFile(BASE, copy);
    const r = await run({ 'eval-data': EVAL }, BASE, copy);
    expect(r.samples).toBe(400);
    expect(r.base).toEqual(r.pruned);
    expect(r.base.top1).toBe(349 / 400);
    expect(r.agreement).toEqual({ top1: 1, meanAbsDiff: 0, maxAbsDiff: 0, klDivergence: 0 });
    expect(r.drop).toMatchObject({
      metric: 'top1',
      value: 0,
      ci: [0, 0],
      unit: 'pp',
      significant: false,
      mcnemarP: 1,
    });
    for (const d of r.differences) expect([d.difference, ...d.ci]).toEqual([0, 0, 0]);
  });

  it('PRUNED = BASE with noise on the weights: a drop whose interval excludes 0', async () => {
    const r = await run({ 'eval-data': EVAL }, BASE, await noisyCopy(1.0));
    expect(r.drop!.value).toBeGreaterThan(5);
    expect(r.drop!.ci[0]).toBeGreaterThan(0);
    expect(r.drop!.ci[0]).toBeLessThan(r.drop!.value);
    expect(r.drop!.significant).toBe(true);
    expect(r.drop!.mcnemarP).toBeLessThan(0.01);
    expect(r.agreement.top1).toBeLessThan(1);
    expect(r.agreement.klDivergence).toBeGreaterThan(0);
    const top1 = r.differences.find((d) => d.metric === 'top1')!;
    expect(top1.ci[1]).toBeLessThan(0);
    expect(r.perClassRecall!.base).toHaveLength(10);
  });

  it('the structured example loses a small amount of accuracy; the interval and the seed are reproducible', async () => {
    const pruned = resolve('examples/pruned-structured.onnx');
    const a = await run({ 'eval-data': EVAL, 'eval-seed': 3 }, BASE, pruned);
    expect(a.drop!.value).toBeCloseTo(0.75, 1);
    expect(a.drop!.ci[0]).toBeLessThan(0);
    expect(a.drop!.ci[1]).toBeGreaterThan(0);
    const b = await run({ 'eval-data': EVAL, 'eval-seed': 3, 'eval-batch-size': 7 }, BASE, pruned);
    expect(b.drop).toEqual(a.drop);
  });

  it('max-samples evaluates a seeded subset', async () => {
    const r = await run({ 'eval-data': EVAL, 'max-samples': 50, 'eval-seed': 1 });
    expect(r.samples).toBe(50);
  });

  it('inputs without labels: agreement only, with a warning', async () => {
    const inputs = unzipSync(await readFile(EVAL))['inputs.npy'];
    await writeFile(join(dir, 'inputs.npy'), inputs);
    const r = await run({ 'eval-data': 'inputs.npy', 'max-samples': 20 });
    expect(r.labelled).toBe(false);
    expect(r.base).toEqual({});
    expect(r.agreement.top1).toBe(1);
    expect(r.drop).toBeUndefined();
    expect(r.warnings[0]).toMatch(/has no labels/);
  });
});

describe('evaluateAccuracy: user mistakes are UserErrors with clear messages', () => {
  it.each([
    {
      what: 'wrong label count',
      setup: async () => {
        const entries = unzipSync(await readFile(EVAL));
        await writeFile(join(dir, 'x.npy'), entries['inputs.npy']);
        await writeFile(join(dir, 'y399.npy'), encodeNpy('i8', [399], new Array(399).fill(0)));
        return { 'eval-data': 'x.npy', 'eval-labels': 'y399.npy' };
      },
      message: /^eval-labels: 399 labels in y399.npy for 400 samples in x.npy/,
    },
    {
      what: 'sample shape does not fit the model input',
      setup: async () => {
        await writeFile(
          join(dir, 'small.npz'),
          zipStored([
            { name: 'inputs.npy', data: encodeNpy('f4', [2, 1, 28, 28], new Array(2 * 784).fill(0)) },
            { name: 'labels.npy', data: encodeNpy('i8', [2], [0, 1]) },
          ]),
        );
        return { 'eval-data': 'small.npz' };
      },
      message:
        /^eval-data: samples of shape \[1,28,28\] in small.npz do not fit input 'input' \[batch,1,32,32\] of .*base.onnx; each sample must have shape \[1,32,32\]/,
    },
    {
      what: 'label outside the classes',
      setup: async () => {
        await writeFile(
          join(dir, 'badlabel.npz'),
          zipStored([
            { name: 'inputs.npy', data: encodeNpy('f4', [1, 1, 32, 32], new Array(1024).fill(0)) },
            { name: 'labels.npy', data: encodeNpy('i8', [1], [10]) },
          ]),
        );
        return { 'eval-data': 'badlabel.npz' };
      },
      message: /^eval-data: label 10 of sample 0 is not a class index of output 'logits' \(10 classes: 0–9\)/,
    },
    {
      what: 'unknown output name',
      setup: async () => ({ 'eval-data': EVAL, 'output-name': 'probs', 'max-samples': 2 }),
      message: /^output-name: "probs" is not an output of .*base.onnx \(outputs: 'logits'\)/,
    },
    {
      what: 'unknown input name',
      setup: async () => ({ 'eval-data': EVAL, 'input-name': 'pixels', 'max-samples': 2 }),
      message: /^input-name: "pixels" is not an input of .*base.onnx \(inputs: 'input'\)/,
    },
    {
      what: 'binary task on a 10-class output',
      setup: async () => ({ 'eval-data': EVAL, task: 'binary', 'max-samples': 2 }),
      message: /^task: output 'logits' has 10 values per sample; binary needs 1 or 2/,
    },
  ])('$what', async ({ setup, message }) => {
    const values = await setup();
    const error = await run(values).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
  });

  it('a model that only runs batch 1 despite a symbolic batch: advice to set eval-batch-size 1', async () => {
    const path = join(dir, 'batch1.onnx');
    await writeFile(
      path,
      serializeModel({
        name: 'batch1',
        inputs: [floatValueInfo('input', ['batch', 2])],
        outputs: [floatValueInfo('out', ['batch', 2])],
        initializers: [int64Tensor('shape', [2], [1, 2])],
        nodes: [node('Reshape', ['input', 'shape'], ['out'])],
      }),
    );
    await writeFile(join(dir, 'pairs.csv'), 'a,b,label\n1,0,0\n0,1,1\n1,2,1\n');
    const error = await run({ 'eval-data': 'pairs.csv' }, path, path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /^eval-batch-size: .*batch1.onnx failed on a batch of 3 samples \(.*\); if the model only runs one sample at a time, set eval-batch-size: 1\.$/,
    );
    const r = await run({ 'eval-data': 'pairs.csv', 'eval-batch-size': 1 }, path, path);
    expect(r.base.top1).toBe(1);
  });

  it('unknown task', () => {
    expect(() => readEvalOptions({ 'eval-data': EVAL, task: 'ranking' })).toThrow(UserError);
    expect(() => readEvalOptions({ 'eval-data': EVAL, task: 'ranking' })).toThrow(
      /^task: unknown value "ranking"/,
    );
  });
});

describe('evaluateAccuracy: binary and regression on tiny models', () => {
  it('binary: one logit, JSON Lines labels; hand-computed metrics', async () => {
    // logit = x0 − x1; PRUNED flips the sign of x1's weight.
    const base = await gemmModel('bin-base', [[1, -1]], [0]);
    const pruned = await gemmModel('bin-pruned', [[1, 1]], [0]);
    const lines = [
      [[2, 1], 1], // base 1 ✓, pruned 3 → 1 ✓
      [[1, 2], 0], // base −1 → 0 ✓, pruned 3 → 1 ✗
      [[0, 3], 1], // base −3 → 0 ✗, pruned 3 → 1 ✓
      [[-1, -1], 0], // base 0 → 1 (≥ 0.5) ✗, pruned −2 → 0 ✓
    ];
    await writeFile(
      join(dir, 'bin.jsonl'),
      lines.map(([x, y]) => JSON.stringify({ inputs: x, label: y })).join('\n'),
    );
    const r = await run({ 'eval-data': 'bin.jsonl', task: 'binary' }, base, pruned);
    expect(r.outputsAre).toBe('logits');
    expect(r.base.accuracy).toBe(0.5);
    expect(r.pruned.accuracy).toBe(0.75);
    // BASE scores σ(1), σ(−1), σ(−3), σ(0) for labels 1,0,1,0: σ(1) beats both negatives, σ(−3) neither → 2/4.
    expect(r.base.rocAuc).toBe(0.5);
    expect(r.pruned.f1).toBeCloseTo(0.8, 12);
    expect(r.drop!.value).toBeCloseTo(-25, 9);
    expect(r.agreement.top1).toBe(0.25);
  });

  it('regression: CSV, MAE and RMSE, a fixed batch dimension padded at the end', async () => {
    const base = await gemmModel('reg-base', [[1, 1]], [0], 4);
    const pruned = await gemmModel('reg-pruned', [[1, 1]], [0.5], 4);
    const rows = ['a,b,label', '1,2,3', '0,0,1', '2,2,4', '1,1,2', '3,0,3', '0,1,1'];
    await writeFile(join(dir, 'reg.csv'), rows.join('\n'));
    const r = await run({ 'eval-data': 'reg.csv', task: 'regression' }, base, pruned);
    expect(r.samples).toBe(6);
    expect(r.base).toEqual({ mae: 1 / 6, rmse: Math.sqrt(1 / 6) });
    expect(r.pruned.mae).toBeCloseTo(0.5, 6);
    expect(r.agreement).toEqual({ meanAbsDiff: 0.5, maxAbsDiff: 0.5 });
    expect(r.drop).toMatchObject({ metric: 'mae', unit: 'units' });
    expect(r.drop!.value).toBeCloseTo(0.5 - 1 / 6, 6);
  });
});

it('the eval set decodes to the shapes README documents', async () => {
  expect(decodeNpz(await readFile(EVAL)).get('inputs')!.shape).toEqual([400, 1, 32, 32]);
});

it('classification with one-hot labels (written by NumPy) on a 3-class model', async () => {
  const model = await gemmModel(
    'three',
    [
      [1, 0],
      [0, 1],
      [-1, -1],
    ],
    [0, 0, 0],
  );
  await writeFile(join(dir, 'three.npy'), encodeNpy('f4', [3, 2], [-1, -1, 1, 0, 0, 1]));
  const r = await run(
    { 'eval-data': 'three.npy', 'eval-labels': resolve('test/eval/fixtures/numpy-onehot.npy'), 'top-k': 5 },
    model,
    model,
  );
  expect(r.base).toEqual({ top1: 1, top3: 1, macroF1: 1 });
  expect(r.perClassRecall!.base).toEqual([1, 1, 1]);
});
