/** Significance verdicts from a confidence interval of a PRUNED / BASE ratio. Pure. */
import type { Verdict } from '../report/types.js';

/**
 * `improved` when the whole interval lies on the better side of 1, `regressed` when it lies on
 * the worse side, `no-significant-change` when it contains 1, `not-measured` without an interval
 * (or with a non-finite bound).
 */
export function verdictFromCI(ci: readonly [number, number] | undefined, lowerIsBetter: boolean): Verdict {
  if (!ci || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return 'not-measured';
  const [low, high] = ci[0] <= ci[1] ? ci : [ci[1], ci[0]];
  if (high < 1) return lowerIsBetter ? 'improved' : 'regressed';
  if (low > 1) return lowerIsBetter ? 'regressed' : 'improved';
  return 'no-significant-change';
}

/** Half-width of an interval around its ratio, relative to the ratio (0.02 = ±2%). */
export function relativeHalfWidth(ratio: number, ci: readonly [number, number]): number {
  return Math.max(ratio - ci[0], ci[1] - ratio) / ratio;
}
