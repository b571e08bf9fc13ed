/**
 * The release gate: pure, `Report` (+ the base branch's report) in, `GateResult` out. Only
 * configured thresholds produce checks; a figure that was not measured gives a `skip` check with
 * the reason. The gate passes when no check fails; `failOnRegression: false` makes it advisory.
 */
import { accuracyDeltaKey } from '../pipeline/accuracy.js';
import type { GateCheck, GateResult, Report } from '../report/types.js';
import { baselineCheck } from './baseline.js';
import { deltaOf, energyDelta, energyMethod, increasePct, macsDelta, savingsPct } from './measures.js';
import { checkThreshold, configured, skipped } from './threshold.js';
import type { GateOptions, Threshold } from './types.js';

function accuracyChecks(report: Report, t: Threshold): GateCheck[] {
  // The accuracy module's designated figure: the primary metric's drop with a paired-bootstrap interval.
  const drop = report.accuracy?.drop;
  if (drop) {
    const unit = drop.unit === 'pp' ? 'pp' : 'units';
    return [
      checkThreshold(
        { name: `accuracy drop (${drop.metric})`, value: drop.value, ci: drop.ci, unit },
        t,
        'max',
      ),
    ];
  }
  const base = report.models.base.accuracy ?? {};
  const pruned = report.models.pruned.accuracy ?? {};
  const metrics = Object.keys(base).filter(
    (m) => typeof base[m] === 'number' && typeof pruned[m] === 'number',
  );
  if (metrics.length === 0) {
    return [skipped('accuracy drop', t, 'max', 'pp', 'Accuracy was not evaluated (no eval set given).')];
  }
  return metrics.sort().map((metric) => {
    const b = base[metric];
    const p = pruned[metric];
    const delta = report.deltas?.[accuracyDeltaKey(metric)];
    const lowerIsBetter = delta?.lowerIsBetter ?? false;
    // Fractions (0.76) are shown in percentage points; metrics already in percent stay as they are.
    const scale = Math.abs(b) <= 1 && Math.abs(p) <= 1 ? 100 : 1;
    const value = (lowerIsBetter ? p - b : b - p) * scale;
    let ci: [number, number] | undefined;
    if (delta?.ci) {
      const ends = delta.ci.map((r) => (lowerIsBetter ? b * r - b : b - b * r) * scale);
      ci = [Math.min(...ends), Math.max(...ends)];
    }
    return checkThreshold(
      { name: `accuracy drop (${metric})`, value, ...(ci && { ci }), unit: 'pp' },
      t,
      'max',
    );
  });
}

function co2eCheck(report: Report, t: Threshold): GateCheck {
  const { base, pruned } = report.models;
  const value = pruned.co2eG?.per1M;
  if (value == null || !Number.isFinite(value))
    return skipped('CO2e per 1M inferences', t, 'max', 'g', 'CO2e was not computed.');
  const d = deltaOf(report, 'co2ePerInference', base.co2eG.perInference, pruned.co2eG.perInference);
  const ci = d?.ci
    ? ([d.ci[0] * base.co2eG.per1M, d.ci[1] * base.co2eG.per1M] as [number, number])
    : undefined;
  const est = energyMethod(report) === 'estimated' ? ' (estimated)' : '';
  return checkThreshold(
    { name: `CO2e per 1M inferences${est}`, value, ...(ci && { ci }), unit: 'g' },
    t,
    'max',
  );
}

/**
 * Evaluates every configured threshold.
 * @param baseline the base branch's report; `null` when looked for and not found, `undefined` when not looked for.
 * @param baselineNote why there is no baseline, shown in the skipped check.
 */
export function evaluateGate(
  report: Report,
  options: GateOptions,
  baseline?: Report | null,
  baselineNote?: string,
): GateResult {
  const checks: GateCheck[] = [];
  if (configured(options.minMacsReductionPct)) {
    const d = macsDelta(report, options.macsKind);
    const name = `${options.macsKind} MACs reduction`;
    checks.push(
      d
        ? checkThreshold(savingsPct(name, d), options.minMacsReductionPct, 'min')
        : skipped(name, options.minMacsReductionPct, 'min', '%', 'MACs were not counted (no ONNX analysis).'),
    );
  }
  if (configured(options.minEnergySavingsPct)) {
    const d = energyDelta(report);
    const name = `energy savings${energyMethod(report) === 'estimated' ? ' (estimated)' : ''}`;
    checks.push(
      d
        ? checkThreshold(savingsPct(name, d), options.minEnergySavingsPct, 'min')
        : skipped(name, options.minEnergySavingsPct, 'min', '%', 'Energy was not measured.'),
    );
  }
  if (configured(options.maxLatencyRegressionPct)) {
    const { base, pruned } = report.models;
    const d = deltaOf(report, 'latencyP50', base.latencyMs?.p50, pruned.latencyMs?.p50);
    const name = 'p50 latency increase';
    checks.push(
      d
        ? checkThreshold(increasePct(name, d), options.maxLatencyRegressionPct, 'max')
        : skipped(name, options.maxLatencyRegressionPct, 'max', '%', 'Latency was not measured.'),
    );
  }
  if (configured(options.maxAccuracyDropPct))
    checks.push(...accuracyChecks(report, options.maxAccuracyDropPct));
  if (configured(options.maxCo2ePer1MG)) checks.push(co2eCheck(report, options.maxCo2ePer1MG));
  if (configured(options.maxSavingsRegressionPct)) {
    checks.push(baselineCheck(report, baseline, options.maxSavingsRegressionPct, baselineNote));
  }
  return { passed: !checks.some((c) => c.status === 'fail'), enforced: options.failOnRegression, checks };
}

/** One paragraph for the failed step: every failing check with value, interval and threshold. */
export function gateFailureMessage(result: GateResult): string {
  const failed = result.checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) return 'carbon-delta gate passed.';
  return `carbon-delta gate failed: ${failed.map((c) => c.message).join(' ')}`;
}
