/**
 * Report rows for accuracy: one `accuracy:<metric>` delta per metric, whose ratio interval comes
 * from the paired-bootstrap interval of the difference ((base + ci) / base), so the gate and the
 * renderer read accuracy like any other measured figure. Pure.
 */
import { measuredDelta } from '../report/deltas.js';
import type { Delta } from '../report/types.js';
import { LOWER_IS_BETTER } from './score.js';
import type { AccuracyResult } from './types.js';

/** `report.deltas` entries keyed `accuracy:<metric>`. */
export function accuracyDeltas(result: AccuracyResult): Record<string, Delta> {
  const out: Record<string, Delta> = {};
  for (const d of result.differences) {
    const lowerIsBetter = LOWER_IS_BETTER.has(d.metric);
    const unit = lowerIsBetter ? 'target units' : 'fraction';
    const interval =
      d.base === 0
        ? null
        : {
            ratio: d.pruned / d.base,
            ci: [(d.base + d.ci[0]) / d.base, (d.base + d.ci[1]) / d.base] as [number, number],
          };
    out[`accuracy:${d.metric}`] = measuredDelta(d.base, d.pruned, interval, unit, 'measured', lowerIsBetter);
  }
  return out;
}
