/**
 * Binary metrics from a positive-class score per sample (probability, or logit: ROC-AUC only
 * depends on the order) and a 0/1 label. Pure; optional bootstrap `weights` as in classification.
 */
import { matchRate, weightOf } from './weights.js';

export interface BinarySample {
  /** Score of the positive class (higher = more positive). */
  scores: Float64Array;
  /** 0/1 prediction per sample (score ≥ threshold). */
  predictions: Uint8Array;
  labels: Uint8Array;
  /** Sample indices sorted by score descending (ties by index), computed once for ROC-AUC. */
  order: Int32Array;
}

export function binarySample(scores: Float64Array, labels: Uint8Array, threshold: number): BinarySample {
  const predictions = Uint8Array.from(scores, (s) => (s >= threshold ? 1 : 0));
  const order = Int32Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
  return { scores, predictions, labels, order };
}

export function binaryAccuracy(s: BinarySample, weights?: ArrayLike<number>): number {
  return matchRate(s.predictions, s.labels, weights);
}

/** F1 of the positive class, 2tp / (2tp + fp + fn); NaN when nothing is labelled or predicted positive. */
export function binaryF1(s: BinarySample, weights?: ArrayLike<number>): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let n = 0; n < s.labels.length; n++) {
    const w = weightOf(weights, n);
    if (s.predictions[n] === 1 && s.labels[n] === 1) tp += w;
    else if (s.predictions[n] === 1) fp += w;
    else if (s.labels[n] === 1) fn += w;
  }
  const denominator = 2 * tp + fp + fn;
  return denominator === 0 ? NaN : (2 * tp) / denominator;
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * ties counting one half (Mann–Whitney U). NaN when only one class is present.
 */
export function rocAuc(s: BinarySample, weights?: ArrayLike<number>): number {
  let positives = 0;
  let negatives = 0;
  for (let n = 0; n < s.labels.length; n++) {
    if (s.labels[n] === 1) positives += weightOf(weights, n);
    else negatives += weightOf(weights, n);
  }
  if (positives === 0 || negatives === 0) return NaN;
  // Walk scores from high to low in groups of equal score; each negative beats nothing and is
  // beaten by the positives above it, and ties with the positives in its own group for half.
  let positivesAbove = 0;
  let concordant = 0;
  let i = 0;
  while (i < s.order.length) {
    const score = s.scores[s.order[i]];
    let groupPos = 0;
    let groupNeg = 0;
    let j = i;
    for (; j < s.order.length && s.scores[s.order[j]] === score; j++) {
      const n = s.order[j];
      if (s.labels[n] === 1) groupPos += weightOf(weights, n);
      else groupNeg += weightOf(weights, n);
    }
    concordant += groupNeg * (positivesAbove + groupPos / 2);
    positivesAbove += groupPos;
    i = j;
  }
  return concordant / (positives * negatives);
}
