/**
 * Multi-class metrics from per-sample predictions. Pure. Every function takes optional sample
 * `weights` (bootstrap multiplicities); without them each sample counts once.
 *
 * Ties: the arg-max is the lowest index among equal maxima, and top-k ranks equal scores by
 * index, so a tied label counts as found only when it is among the first k by (score desc, index).
 */
import { matchRate, weightOf } from './weights.js';

/** Index of the largest value in `row` (the lowest index among ties). */
export function argmax(values: ArrayLike<number>, offset = 0, width = values.length): number {
  let best = 0;
  for (let k = 1; k < width; k++) if (values[offset + k] > values[offset + best]) best = k;
  return best;
}

/** Whether `label` is among the top `k` of `width` scores starting at `offset`. */
export function inTopK(
  scores: ArrayLike<number>,
  offset: number,
  width: number,
  label: number,
  k: number,
): boolean {
  const target = scores[offset + label];
  let rank = 0;
  for (let c = 0; c < width; c++) {
    const s = scores[offset + c];
    if (s > target || (s === target && c < label)) rank++;
  }
  return rank < k;
}

export interface ClassificationSample {
  /** Predicted class per sample. */
  predictions: Int32Array;
  /** 1 when the label is in the top-k. */
  topKHits: Uint8Array;
  labels: Int32Array;
  classes: number;
}

/** Weighted share of samples whose prediction equals the label. NaN on zero total weight. */
export function top1Accuracy(s: ClassificationSample, weights?: ArrayLike<number>): number {
  return matchRate(s.predictions, s.labels, weights);
}

export function topKAccuracy(s: ClassificationSample, weights?: ArrayLike<number>): number {
  let hit = 0;
  let total = 0;
  for (let n = 0; n < s.labels.length; n++) {
    const w = weightOf(weights, n);
    total += w;
    hit += w * s.topKHits[n];
  }
  return hit / total;
}

/** Per-class true positives, false positives, false negatives. */
function confusionCounts(s: ClassificationSample, weights?: ArrayLike<number>) {
  const tp = new Float64Array(s.classes);
  const fp = new Float64Array(s.classes);
  const fn = new Float64Array(s.classes);
  for (let n = 0; n < s.labels.length; n++) {
    const w = weightOf(weights, n);
    if (w === 0) continue;
    const label = s.labels[n];
    const pred = s.predictions[n];
    if (pred === label) tp[label] += w;
    else {
      fp[pred] += w;
      fn[label] += w;
    }
  }
  return { tp, fp, fn };
}

/**
 * Macro-averaged F1 over the classes that occur as a label or a prediction (as scikit-learn does);
 * a class never labelled and never predicted is left out. F1 = 2tp / (2tp + fp + fn).
 */
export function macroF1(s: ClassificationSample, weights?: ArrayLike<number>): number {
  const { tp, fp, fn } = confusionCounts(s, weights);
  let sum = 0;
  let present = 0;
  for (let c = 0; c < s.classes; c++) {
    const denominator = 2 * tp[c] + fp[c] + fn[c];
    if (denominator === 0) continue;
    sum += (2 * tp[c]) / denominator;
    present++;
  }
  return present === 0 ? NaN : sum / present;
}

/** Recall of each class; null for a class with no labelled samples. */
export function perClassRecall(s: ClassificationSample, weights?: ArrayLike<number>): (number | null)[] {
  const { tp, fn } = confusionCounts(s, weights);
  return Array.from(tp, (t, c) => (t + fn[c] === 0 ? null : t / (t + fn[c])));
}

/** Predictions and top-k hits of [count, classes] scores (logits or probabilities: both rank alike). */
export function classificationSample(
  scores: ArrayLike<number>,
  classes: number,
  labels: Int32Array,
  k: number,
): ClassificationSample {
  const predictions = new Int32Array(labels.length);
  const topKHits = new Uint8Array(labels.length);
  for (let n = 0; n < labels.length; n++) {
    predictions[n] = argmax(scores, n * classes, classes);
    topKHits[n] = inTopK(scores, n * classes, classes, labels[n], k) ? 1 : 0;
  }
  return { predictions, topKHits, labels, classes };
}
