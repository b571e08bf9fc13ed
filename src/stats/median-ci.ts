/**
 * Distribution-free confidence interval of a median from order statistics (the sign-test
 * interval): for n independent samples, [x(k), x(n−k+1)] covers the true median with probability
 * 1 − 2·P(Binomial(n, ½) < k), whatever the distribution. Pure.
 */

export interface MedianInterval {
  median: number;
  ci: [number, number];
  /** The coverage the interval actually has (≥ the requested confidence when `exact`). */
  coverage: number;
  /** False when n is too small for the requested confidence (the interval is then [min, max]). */
  exact: boolean;
}

/** P(Binomial(n, ½) ≤ k), computed in log space so large n does not underflow. */
export function binomialHalfCdf(n: number, k: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let logTerm = -n * Math.LN2; // log C(n,0) / 2^n
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/** Median of `values` and its order-statistic interval at `confidence` (default 0.95). */
export function medianCI(values: readonly number[], confidence = 0.95): MedianInterval {
  const n = values.length;
  if (n === 0) throw new Error('medianCI: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = n >> 1;
  const median = n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const alpha = 1 - confidence;
  // The largest k with 2·P(X ≤ k − 1) ≤ alpha.
  let k = 0;
  while (k + 1 <= mid && 2 * binomialHalfCdf(n, k) <= alpha) k++;
  if (k === 0)
    return { median, ci: [sorted[0], sorted[n - 1]], coverage: 1 - 2 * binomialHalfCdf(n, 0), exact: false };
  return {
    median,
    ci: [sorted[k - 1], sorted[n - k]],
    coverage: 1 - 2 * binomialHalfCdf(n, k - 1),
    exact: true,
  };
}
