/** Delta rows (PRUNED / BASE) for exact and for repeatedly measured figures. Pure. */
import { verdictFromCI } from '../stats/verdict.js';
import type { Delta, Method } from './types.js';

/** A figure computed exactly (parameters, MACs, bytes): no interval, the verdict is the sign. */
export function exactDelta(
  base: number | null,
  pruned: number | null,
  unit: string,
  lowerIsBetter = true,
): Delta {
  if (base === null || pruned === null || !Number.isFinite(base) || !Number.isFinite(pruned)) {
    return {
      ratio: null,
      change: null,
      verdict: 'not-measured',
      base,
      pruned,
      unit,
      lowerIsBetter,
      method: 'exact',
    };
  }
  const ratio = base === 0 ? (pruned === 0 ? 1 : null) : pruned / base;
  const better = lowerIsBetter ? pruned < base : pruned > base;
  return {
    ratio,
    change: ratio === null ? null : ratio - 1,
    verdict: pruned === base ? 'no-significant-change' : better ? 'improved' : 'regressed',
    base,
    pruned,
    unit,
    lowerIsBetter,
    method: 'exact',
  };
}

/**
 * A measured figure with a confidence interval of its ratio; the verdict is significance-aware.
 * The ratio shown is PRUNED / BASE of the figures shown (so the table adds up); the interval is
 * the per-round one from the harness. When one noisy round pulls the pooled ratio outside the
 * interval, that disagreement is itself the warning sign and stays visible.
 */
export function measuredDelta(
  base: number | null,
  pruned: number | null,
  interval: { ratio: number; ci?: [number, number] } | null,
  unit: string,
  method: Method,
  lowerIsBetter = true,
): Delta {
  if (base === null || pruned === null || interval === null || !Number.isFinite(interval.ratio)) {
    return { ratio: null, change: null, verdict: 'not-measured', base, pruned, unit, lowerIsBetter, method };
  }
  const ratio = base > 0 && Number.isFinite(pruned) ? pruned / base : interval.ratio;
  return {
    ratio,
    change: ratio - 1,
    ...(interval.ci ? { ci: interval.ci } : {}),
    verdict: verdictFromCI(interval.ci, lowerIsBetter),
    base,
    pruned,
    unit,
    lowerIsBetter,
    method,
  };
}

/**
 * A figure measured with a known resolution (e.g. peak memory): changes within `tolerance`
 * (relative) or within `resolution` (absolute, in the figure's unit) count as no significant
 * change, since the method cannot resolve them.
 */
export function toleranceDelta(
  base: number | null,
  pruned: number | null,
  tolerance: number,
  unit: string,
  lowerIsBetter = true,
  resolution = 0,
): Delta {
  const delta = exactDelta(base, pruned, unit, lowerIsBetter);
  const withinResolution = base !== null && pruned !== null && Math.abs(pruned - base) <= resolution;
  if ((delta.ratio !== null && Math.abs(delta.ratio - 1) <= tolerance) || withinResolution)
    delta.verdict = 'no-significant-change';
  delta.method = 'measured';
  return delta;
}
