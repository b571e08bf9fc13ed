/**
 * Regression of the savings against the base branch's report. Both runs measured their own
 * savings with an interval; the regression `baseline − current` (percentage points) gets an
 * interval whose half-width combines both half-widths in quadrature (independent runs). So a
 * drop from 41% ±3 to 38% ±3 (regression 3 ±4.2 pp) is noise; 41% ±2 to 30% ±2 is not.
 */
import type { GateCheck, Report } from '../report/types.js';
import { energyDelta, energyMethod, macsDelta, savingsPct } from './measures.js';
import { checkThreshold, skipped } from './threshold.js';
import type { Measured } from './threshold.js';
import type { Threshold } from './types.js';

const NAME = 'savings regression vs base branch';

function halfWidth(m: Measured): number {
  return m.ci ? (m.ci[1] - m.ci[0]) / 2 : 0;
}

function regression(what: string, current: Measured, base: Measured): Measured {
  const value = base.value - current.value;
  const h = Math.hypot(halfWidth(current), halfWidth(base));
  const fmt = (m: Measured) =>
    `${Number(m.value.toPrecision(3))}%${m.ci ? ` ±${Number(halfWidth(m).toPrecision(2))}` : ''}`;
  return {
    name: NAME,
    context: `(${what} ${fmt(base)} → ${fmt(current)})`,
    value,
    ...(h > 0 && { ci: [value - h, value + h] as [number, number] }),
    unit: 'pp',
  };
}

/** The baseline check; `skip` with the reason when there is nothing comparable. */
export function baselineCheck(
  report: Report,
  baseline: Report | null | undefined,
  t: Threshold,
  note?: string,
): GateCheck {
  if (!baseline) {
    return skipped(
      NAME,
      t,
      'max',
      'pp',
      note ?? 'No baseline: no report.json from a successful run on the base branch was found.',
    );
  }
  const cur = energyDelta(report);
  const old = energyDelta(baseline);
  if (cur && old && energyMethod(report) === energyMethod(baseline)) {
    return checkThreshold(
      regression('energy savings', savingsPct('energy', cur), savingsPct('energy', old)),
      t,
      'max',
    );
  }
  const curMacs = macsDelta(report, 'sparse');
  const oldMacs = macsDelta(baseline, 'sparse');
  if (curMacs && oldMacs) {
    return checkThreshold(
      regression('sparse MACs reduction', savingsPct('macs', curMacs), savingsPct('macs', oldMacs)),
      t,
      'max',
    );
  }
  return skipped(
    NAME,
    t,
    'max',
    'pp',
    'The baseline report has no energy or MACs figures comparable with this run.',
  );
}
