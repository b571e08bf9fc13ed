/**
 * Descriptive statistics of latency samples. Pure functions; outliers are counted (Tukey fences,
 * 1.5 × IQR) and reported, never dropped.
 */
import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { LatencySummary } from '../report/types.js';

/**
 * Summarize samples (any unit; the harness passes milliseconds). p50/p90/p99 use
 * simple-statistics' `quantileSorted`; `stddev` is the sample standard deviation (0 for one
 * sample); `cv` = stddev / mean. Throws on an empty array: callers must not summarize nothing.
 */
export function summarize(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const avg = mean(sorted);
  const stddev = sorted.length > 1 ? sampleStandardDeviation(sorted) : 0;
  return {
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99),
    mean: avg,
    stddev,
    cv: avg === 0 ? 0 : stddev / avg,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    n: sorted.length,
    outliers: countTukeyOutliers(sorted),
  };
}

/** Samples outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR] (Tukey's fences); `sorted` must be ascending. */
export function countTukeyOutliers(sorted: readonly number[]): number {
  if (sorted.length < 4) return 0;
  const q1 = quantileSorted(sorted as number[], 0.25);
  const q3 = quantileSorted(sorted as number[], 0.75);
  const fence = 1.5 * (q3 - q1);
  let count = 0;
  for (const value of sorted) if (value < q1 - fence || value > q3 + fence) count++;
  return count;
}

/** Median of a numeric array (average of the two middle values for even lengths); NaN when empty. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
