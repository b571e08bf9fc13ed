/** Accuracy metrics as delta rows (PRUNED / BASE), with the paired-bootstrap interval carried over. Pure. */
import { carbonPerAccuracyPoint } from '../eval/tradeoff.js';
import type { AccuracyDrop, AccuracyResult } from '../eval/types.js';
import type { AccuracyTradeOff, Delta, Report } from '../report/types.js';
import { verdictFromCI } from '../stats/verdict.js';

/** Error metrics, where lower is better. */
const LOWER_IS_BETTER = new Set(['mae', 'rmse']);

/** `accuracyTop1`, `accuracyMacroF1`, ... */
export function accuracyDeltaKey(metric: string): string {
  return `accuracy${metric.charAt(0).toUpperCase()}${metric.slice(1).replace(/[-_](\w)/g, (_, c: string) => c.toUpperCase())}`;
}

export function accuracyDeltas(result: AccuracyResult): Record<string, Delta> {
  const deltas: Record<string, Delta> = {};
  for (const d of result.differences) {
    const lowerIsBetter = LOWER_IS_BETTER.has(d.metric);
    const ratio = d.base === 0 ? null : d.pruned / d.base;
    // The interval of PRUNED − BASE, moved to the ratio scale (the base value is fixed by the data).
    const ci: [number, number] | undefined =
      d.base === 0 ? undefined : [1 + d.ci[0] / d.base, 1 + d.ci[1] / d.base];
    deltas[accuracyDeltaKey(d.metric)] = {
      ratio,
      change: ratio === null ? null : ratio - 1,
      ...(ci ? { ci } : {}),
      verdict: ci ? verdictFromCI(ci, lowerIsBetter) : 'not-measured',
      base: d.base,
      pruned: d.pruned,
      unit: LOWER_IS_BETTER.has(d.metric) ? 'target units' : 'fraction',
      lowerIsBetter,
      method: 'measured',
    };
  }
  return deltas;
}

/**
 * Grams CO2e saved per 1M inferences per accuracy point lost — the trade-off a reviewer weighs.
 * Carries the drop's interval, so the headline can say when the loss is within noise.
 */
export function accuracyTradeOff(report: Report, drop: AccuracyDrop): AccuracyTradeOff {
  const savedGPer1M = report.models.base.co2eG.per1M - report.models.pruned.co2eG.per1M;
  const { gPer1MPerPoint, text } = carbonPerAccuracyPoint(savedGPer1M, drop.value, drop.metric);
  return {
    metric: drop.metric,
    dropPoints: drop.value,
    dropCi: drop.ci,
    significant: drop.significant,
    co2eSavedGPer1M: savedGPer1M,
    gPer1MPerPoint,
    text,
  };
}
