/** The figures the gate looks at, read from a `Report` (percentages are of BASE). */
import type { Delta, Report } from '../report/types.js';
import type { Measured } from './threshold.js';

/** `report.deltas[key]`, or an exact delta from two values when the pipeline gave none. */
export function deltaOf(
  report: Report,
  key: string,
  base: number | null | undefined,
  pruned: number | null | undefined,
): Delta | null {
  const given = report.deltas?.[key];
  if (given && given.ratio != null && given.verdict !== 'not-measured') return given;
  if (given && given.verdict === 'not-measured') return null;
  if (base == null || pruned == null || base === 0 || !Number.isFinite(base) || !Number.isFinite(pruned))
    return null;
  const ratio = pruned / base;
  return {
    ratio,
    change: ratio - 1,
    verdict: 'no-significant-change',
    base,
    pruned,
    unit: '',
    lowerIsBetter: true,
    method: 'exact',
  };
}

/** Savings in percent of BASE (`(1 − ratio) × 100`) with the interval mapped the same way. */
export function savingsPct(name: string, d: Delta): Measured {
  const ratio = d.ratio ?? 1;
  return {
    name,
    value: (1 - ratio) * 100,
    ...(d.ci && { ci: [(1 - d.ci[1]) * 100, (1 - d.ci[0]) * 100] as [number, number] }),
    unit: '%',
  };
}

/** Increase in percent of BASE (`(ratio − 1) × 100`). */
export function increasePct(name: string, d: Delta): Measured {
  const ratio = d.ratio ?? 1;
  return {
    name,
    value: (ratio - 1) * 100,
    ...(d.ci && { ci: [(d.ci[0] - 1) * 100, (d.ci[1] - 1) * 100] as [number, number] }),
    unit: '%',
  };
}

export function energyDelta(report: Report): Delta | null {
  return deltaOf(
    report,
    'energyPerInference',
    report.models.base.energyJ?.perInference,
    report.models.pruned.energyJ?.perInference,
  );
}

export function macsDelta(report: Report, kind: 'dense' | 'sparse'): Delta | null {
  const key = kind === 'dense' ? 'macsDense' : 'macsSparse';
  return deltaOf(
    report,
    key,
    report.models.base.analysis?.macs[kind],
    report.models.pruned.analysis?.macs[kind],
  );
}

/** "measured" only when both models' energy was measured. */
export function energyMethod(report: Report): 'measured' | 'estimated' {
  const { base, pruned } = report.models;
  return base.energyJ?.method === 'measured' && pruned.energyJ?.method === 'measured'
    ? 'measured'
    : 'estimated';
}
