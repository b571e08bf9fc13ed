/**
 * Uncertainty of PRUNED − BASE on the same samples. Pure and seeded.
 *
 * Paired bootstrap: resample sample indices with replacement (the same indices for both models),
 * recompute every metric of both models on the resample (as multiplicity weights), and take the
 * percentile interval of the differences. Identical outputs give a difference of exactly 0 in every
 * resample. McNemar's exact test looks only at the discordant samples (one model right, the other
 * wrong).
 */
import { seededRandom } from '../stats/prng.js';

export type WeightedMetrics = (weights?: Float64Array) => Record<string, number>;

export interface BootstrapDifference {
  difference: number;
  ci: [number, number];
}

/** Linear-interpolated quantile (type 7) of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/**
 * Percentile intervals of metric(pruned) − metric(base) for every metric both return, from
 * `resamples` paired resamples of `count` samples. Metrics that come out NaN on a resample (e.g.
 * ROC-AUC with one class drawn) are skipped in that resample.
 */
export function pairedBootstrap(
  count: number,
  base: WeightedMetrics,
  pruned: WeightedMetrics,
  options: { resamples: number; confidence: number; seed: number },
): Record<string, BootstrapDifference> {
  const pointBase = base();
  const pointPruned = pruned();
  const names = Object.keys(pointBase).filter(
    (m) => Number.isFinite(pointBase[m]) && Number.isFinite(pointPruned[m]),
  );
  const draws = new Map(names.map((m) => [m, [] as number[]]));
  const random = seededRandom(options.seed);
  const weights = new Float64Array(count);
  for (let r = 0; r < options.resamples; r++) {
    weights.fill(0);
    for (let i = 0; i < count; i++) weights[Math.floor(random() * count)] += 1;
    const b = base(weights);
    const p = pruned(weights);
    for (const m of names) {
      const d = p[m] - b[m];
      if (Number.isFinite(d)) draws.get(m)!.push(d);
    }
  }
  const alpha = (1 - options.confidence) / 2;
  const out: Record<string, BootstrapDifference> = {};
  for (const m of names) {
    const sorted = Float64Array.from(draws.get(m)!).sort();
    const difference = pointPruned[m] - pointBase[m];
    out[m] = {
      difference,
      ci:
        sorted.length === 0
          ? [difference, difference]
          : [quantile(sorted, alpha), quantile(sorted, 1 - alpha)],
    };
  }
  return out;
}

/**
 * Exact two-sided McNemar p-value: `onlyBase` samples only BASE got right, `onlyPruned` only
 * PRUNED. Under no difference each discordant sample is a fair coin: p = min(1, 2·P(X ≤ min)).
 */
export function mcnemarExactP(onlyBase: number, onlyPruned: number): number {
  const n = onlyBase + onlyPruned;
  if (n === 0) return 1;
  const low = Math.min(onlyBase, onlyPruned);
  // Sum binomial(n, i)·2^−n for i ≤ low in log space (n can be in the thousands).
  let logTerm = -n * Math.LN2;
  let logSum = logTerm;
  for (let i = 0; i < low; i++) {
    logTerm += Math.log(n - i) - Math.log(i + 1);
    logSum = Math.max(logSum, logTerm) + Math.log1p(Math.exp(-Math.abs(logSum - logTerm)));
  }
  return Math.min(1, 2 * Math.exp(logSum));
}
