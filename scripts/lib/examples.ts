/**
 * Builds every example file in memory: the BASE CNN, a structurally pruned variant (half the
 * channels of every conv layer, head fine-tuned), an unstructured variant (70% of conv2/conv3/fc
 * weights exactly zero, same shapes, head fine-tuned under the mask) and the labelled eval set.
 *
 * The conv layers are seeded random filters (random features, He-initialised); only the
 * classifier head is trained, in plain JS, which keeps generation fast and byte-reproducible.
 */
import { encodeNpy } from '../../src/data/npy.js';
import { cnnModelBytes, features, IMAGE_SIZE, type CnnWeights, type Layer } from './cnn.js';
import { CLASSES, makeDataset, sample, type Dataset } from './dataset.js';
import { createRng, type Rng } from './prng.js';
import { applyMask, magnitudeMask, outputL1, sliceLayer, topIndices } from './prune.js';
import { headAccuracy, trainHead, type Head, type TrainOptions } from './train.js';
import { zipStored } from './zip.js';

export const SEED = 20260101;
export const TRAIN_SAMPLES = 256;
export const EVAL_SAMPLES = 400;
export const UNSTRUCTURED_SPARSITY = 0.7;
const FINE_TUNE = { steps: 100, learningRate: 0.01 };
const TRAIN: TrainOptions = { classes: CLASSES, steps: 300, learningRate: 0.05, l2: 0.03 };

export interface ExampleSet {
  /** Path relative to `examples/` → bytes. */
  files: Map<string, Uint8Array>;
  /** Training-set accuracy of each model's head (JS forward pass), for the log. */
  trainAccuracy: Record<string, number>;
}

function randomLayer(rng: Rng, out: number, inputs: number, kernel: number): Layer {
  const std = Math.sqrt(2 / (inputs * kernel));
  const w = new Float32Array(out * inputs * kernel);
  for (let i = 0; i < w.length; i++) w[i] = rng.normal() * std;
  const b = new Float32Array(out);
  for (let i = 0; i < out; i++) b[i] = rng.normal() * 0.01;
  return { w, b, out, in: inputs };
}

function toLayer(head: Head, dim: number): Layer {
  return { w: Float32Array.from(head.w), b: Float32Array.from(head.b), out: CLASSES, in: dim };
}

function featureRows(weights: CnnWeights, data: Dataset): Float64Array[] {
  return Array.from({ length: data.count }, (_, n) => features(weights, sample(data, n)));
}

/** Per-feature standard deviation, for channel importance. */
function featureStd(rows: Float64Array[]): Float64Array {
  const dim = rows[0].length;
  const mean = new Float64Array(dim);
  const std = new Float64Array(dim);
  for (const row of rows) for (let j = 0; j < dim; j++) mean[j] += row[j] / rows.length;
  for (const row of rows) for (let j = 0; j < dim; j++) std[j] += (row[j] - mean[j]) ** 2 / rows.length;
  return std.map(Math.sqrt);
}

/** Everything in memory. Smaller sample counts are for tests only (the committed files use the defaults). */
export function buildExamples(
  sizes: { train: number; eval: number } = { train: TRAIN_SAMPLES, eval: EVAL_SAMPLES },
): ExampleSet {
  const rng = createRng(SEED);
  const train = makeDataset(rng, sizes.train);
  const evalSet = makeDataset(rng, sizes.eval);
  const trainAccuracy: Record<string, number> = {};
  const files = new Map<string, Uint8Array>();
  const doc = (text: string) => `carbon-delta example (scripts/generate-examples.ts, seed ${SEED}): ${text}`;

  // BASE: random conv features, trained head.
  const conv: Omit<CnnWeights, 'fc'> = {
    conv1: randomLayer(rng, 32, 1, 9),
    conv2: randomLayer(rng, 64, 32, 9),
    conv3: randomLayer(rng, 128, 64, 9),
  };
  const baseRows = featureRows({ ...conv, fc: randomLayer(rng, CLASSES, 128, 1) }, train);
  const baseHead = trainHead(baseRows, train.labels, TRAIN);
  const base: CnnWeights = { ...conv, fc: toLayer(baseHead, 128) };
  trainAccuracy.base = headAccuracy(baseHead, baseRows, train.labels);
  files.set('base.onnx', cnnModelBytes(base, 'base', doc('BASE, 32/64/128 channels, dense')));

  // Structured: keep half the channels of each conv layer, retrain the head.
  const keep1 = topIndices(outputL1(base.conv1), 16);
  const keep2 = topIndices(outputL1(base.conv2), 32);
  const std3 = featureStd(baseRows);
  const importance3 = Array.from(std3, (s, c) => {
    let sum = 0;
    for (let k = 0; k < CLASSES; k++) sum += Math.abs(base.fc.w[k * 128 + c]);
    return sum * s;
  });
  const keep3 = topIndices(importance3, 64);
  const all1 = [0];
  const structuredConv: Omit<CnnWeights, 'fc'> = {
    conv1: sliceLayer(base.conv1, keep1, all1, 9),
    conv2: sliceLayer(base.conv2, keep2, keep1, 9),
    conv3: sliceLayer(base.conv3, keep3, keep2, 9),
  };
  const structuredRows = featureRows({ ...structuredConv, fc: base.fc }, train);
  const baseFc = baseHead.standardized;
  const structuredInit: Head = {
    w: Float64Array.from(
      { length: CLASSES * 64 },
      (_, i) => baseFc.w[Math.floor(i / 64) * 128 + keep3[i % 64]],
    ),
    b: baseFc.b,
  };
  const structuredHead = trainHead(structuredRows, train.labels, {
    ...TRAIN,
    ...FINE_TUNE,
    init: structuredInit,
  });
  trainAccuracy['pruned-structured'] = headAccuracy(structuredHead, structuredRows, train.labels);
  files.set(
    'pruned-structured.onnx',
    cnnModelBytes(
      { ...structuredConv, fc: toLayer(structuredHead, 64) },
      'pruned-structured',
      doc('structured pruning of BASE, 16/32/64 channels (L1 / importance), head fine-tuned'),
    ),
  );

  // Unstructured: zero the smallest 70% of conv2, conv3 and fc weights; same shapes.
  const sparseConv: Omit<CnnWeights, 'fc'> = {
    conv1: base.conv1,
    conv2: { ...base.conv2, w: applyMask(base.conv2.w, magnitudeMask(base.conv2.w, UNSTRUCTURED_SPARSITY)) },
    conv3: { ...base.conv3, w: applyMask(base.conv3.w, magnitudeMask(base.conv3.w, UNSTRUCTURED_SPARSITY)) },
  };
  const sparseRows = featureRows({ ...sparseConv, fc: base.fc }, train);
  const headMask = magnitudeMask(baseFc.w, UNSTRUCTURED_SPARSITY);
  const sparseInit: Head = { w: baseFc.w.map((v, i) => (headMask[i] ? v : 0)), b: baseFc.b };
  const sparseHead = trainHead(sparseRows, train.labels, {
    ...TRAIN,
    ...FINE_TUNE,
    mask: headMask,
    init: sparseInit,
  });
  trainAccuracy['pruned-unstructured'] = headAccuracy(sparseHead, sparseRows, train.labels);
  files.set(
    'pruned-unstructured.onnx',
    cnnModelBytes(
      { ...sparseConv, fc: toLayer(sparseHead, 128) },
      'pruned-unstructured',
      doc(
        `unstructured magnitude pruning of BASE, ${UNSTRUCTURED_SPARSITY * 100}% of conv2/conv3/fc weights zero`,
      ),
    ),
  );

  files.set(
    'eval/eval.npz',
    zipStored([
      { name: 'inputs.npy', data: encodeNpy('f4', [sizes.eval, 1, IMAGE_SIZE, IMAGE_SIZE], evalSet.inputs) },
      { name: 'labels.npy', data: encodeNpy('i8', [sizes.eval], evalSet.labels) },
    ]),
  );
  return { files, trainAccuracy };
}
