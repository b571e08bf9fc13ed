/**
 * Percentile-bootstrap confidence interval of a PRUNED / BASE ratio of medians or means.
 * Seeded, so the same samples always give the same interval. Pure.
 */
import { seededRandom, type Random } from './prng.js';

export interface BootstrapOptions {
  /** The statistic compared (default `median`). */
  statistic?: 'median' | 'mean';
  /** Two-sided confidence level in (0, 1), default 0.95. */
  confidence?: number;
  /** Bootstrap resamples, default 2000. */
  resamples?: number;
  /** PRNG seed, default 1. */
  seed?: number;
  /**
   * Resample index pairs jointly (samples `base[i]` and `pruned[i]` were measured together, e.g. in
   * the same round), so drift common to both cancels. Needs equal lengths. Default false
   * (the two samples are resampled independently).
   */
  paired?: boolean;
}

export interface RatioInterval {
  /** statistic(pruned) / statistic(base) on the full samples. */
  ratio: number;
  /** [low, high] percentile-bootstrap interval of the ratio. */
  ci: [number, number];
}

/** Bootstrap CI of statistic(pruned) / statistic(base). Throws on empty samples. */
export function bootstrapRatioCI(
  base: readonly number[],
  pruned: readonly number[],
  opts: BootstrapOptions = {},
): RatioInterval {
  const { statistic = 'median', confidence = 0.95, resamples = 2000, seed = 1, paired = false } = opts;
  if (base.length === 0 || pruned.length === 0) throw new Error('bootstrapRatioCI: empty sample');
  if (!(confidence > 0 && confidence < 1))
    throw new Error(`bootstrapRatioCI: confidence ${confidence} not in (0, 1)`);
  if (paired && base.length !== pruned.length)
    throw new Error('bootstrapRatioCI: paired samples differ in length');
  const stat = statistic === 'mean' ? meanOf : medianInPlace;
  const b = Float64Array.from(base);
  const p = Float64Array.from(pruned);
  const ratio = stat(Float64Array.from(p)) / stat(Float64Array.from(b));
  const random = seededRandom(seed);
  const scratchB = new Float64Array(b.length);
  const scratchP = new Float64Array(p.length);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    if (paired) {
      for (let i = 0; i < b.length; i++) {
        const j = Math.floor(random() * b.length);
        scratchB[i] = b[j];
        scratchP[i] = p[j];
      }
    } else {
      resample(b, scratchB, random);
      resample(p, scratchP, random);
    }
    ratios[r] = stat(scratchP) / stat(scratchB);
  }
  ratios.sort();
  const alpha = (1 - confidence) / 2;
  return { ratio, ci: [quantileOfSorted(ratios, alpha), quantileOfSorted(ratios, 1 - alpha)] };
}

function resample(from: Float64Array, into: Float64Array, random: Random): void {
  for (let i = 0; i < into.length; i++) into[i] = from[Math.floor(random() * from.length)];
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Linear-interpolated quantile of an ascending array (type 7, as R's default). */
function quantileOfSorted(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median by quickselect; reorders `values` (callers pass scratch copies). O(n) on average. */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  const mid = n >> 1;
  const upper = select(values, mid);
  if (n % 2 === 1) return upper;
  // After selecting `mid`, everything left of it is ≤ it: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

/** Hoare quickselect: the k-th smallest element; partially sorts `a`. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}
