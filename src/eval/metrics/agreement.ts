/**
 * Agreement between BASE and PRUNED outputs on the same samples; needs no labels. Pure.
 * Outputs are [count, width] rows; `kind` says how to turn a row into class probabilities.
 */
import type { Agreement, ModelOutputs } from '../types.js';
import { argmax } from './classification.js';

export type OutputKind = 'logits' | 'probabilities' | 'values';

const EPSILON = 1e-12;

/** Class probabilities of row `n`: softmax of logits, the row itself for probabilities; a single
 * value is a binary score (sigmoid of a logit, or P(positive)) → [1 − p, p]. */
export function rowProbabilities(outputs: ModelOutputs, n: number, kind: OutputKind): Float64Array {
  const { values, width } = outputs;
  const row = values.subarray(n * width, (n + 1) * width);
  if (width === 1) {
    const p = kind === 'logits' ? 1 / (1 + Math.exp(-row[0])) : row[0];
    return Float64Array.of(1 - p, p);
  }
  if (kind !== 'logits') return Float64Array.from(row);
  let max = -Infinity;
  for (const v of row) max = Math.max(max, v);
  const exp = row.map((v) => Math.exp(v - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((v) => v / total);
}

/** KL(p ‖ q) in nats, with q clipped at 1e-12 so a zero probability does not give Infinity. */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] > 0) sum += p[i] * Math.log(p[i] / Math.max(q[i], EPSILON));
  }
  return Math.max(0, sum);
}

/** Whether every row looks like a probability distribution (values in [0,1], rows summing to 1 ± 1e-3). */
export function looksLikeProbabilities(outputs: ModelOutputs): boolean {
  const { values, width, count } = outputs;
  for (let n = 0; n < count; n++) {
    let sum = 0;
    for (let j = n * width; j < (n + 1) * width; j++) {
      if (!(values[j] >= 0 && values[j] <= 1)) return false;
      sum += values[j];
    }
    if (width > 1 && Math.abs(sum - 1) > 1e-3) return false;
  }
  return true;
}

/**
 * Top-1 agreement (classification: same arg-max; binary: same side of the threshold), mean and max
 * absolute output difference, and mean KL divergence of the class probabilities. `kind` 'values'
 * (regression) gives only the differences.
 */
export function agreement(
  base: ModelOutputs,
  pruned: ModelOutputs,
  kind: OutputKind,
  threshold = 0.5,
): Agreement {
  if (base.count !== pruned.count || base.width !== pruned.width) {
    throw new Error(
      `agreement: output shapes differ ([${base.count},${base.width}] vs [${pruned.count},${pruned.width}])`,
    );
  }
  let absSum = 0;
  let absMax = 0;
  for (let i = 0; i < base.values.length; i++) {
    const d = Math.abs(base.values[i] - pruned.values[i]);
    absSum += d;
    if (d > absMax) absMax = d;
  }
  const result: Agreement = { meanAbsDiff: absSum / base.values.length, maxAbsDiff: absMax };
  if (kind === 'values' || base.count === 0) return result;
  let same = 0;
  let kl = 0;
  for (let n = 0; n < base.count; n++) {
    const p = rowProbabilities(base, n, kind);
    const q = rowProbabilities(pruned, n, kind);
    const agree =
      base.width === 1
        ? p[1] >= threshold === q[1] >= threshold
        : argmax(base.values, n * base.width, base.width) ===
          argmax(pruned.values, n * base.width, base.width);
    if (agree) same++;
    kl += klDivergence(p, q);
  }
  return { ...result, top1: same / base.count, klDivergence: kl / base.count };
}
