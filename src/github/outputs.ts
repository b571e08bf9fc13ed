/**
 * Step outputs: the headline figures and where things went. `ACTION_OUTPUTS` feeds action.yml
 * (scripts/generate-action-yml.ts); `reportOutputs` computes the values (strings, '' = unknown).
 */
import type { Report } from '../report/types.js';
import { overallStatus } from '../report/render/gate.js';
import { gateFailureMessage } from '../gate/evaluate.js';

export interface OutputDef {
  name: string;
  description: string;
}

export const ACTION_OUTPUTS: readonly OutputDef[] = [
  {
    name: 'energy-savings-pct',
    description:
      'Energy saved per inference by PRUNED vs BASE, percent (negative: PRUNED uses more). Empty when energy was not measured.',
  },
  {
    name: 'energy-savings-ci-pct',
    description:
      'Confidence interval of energy-savings-pct as "low,high", percent. Empty without an interval.',
  },
  { name: 'energy-method', description: 'measured or estimated: how the energy figures were obtained.' },
  { name: 'co2e-savings-pct', description: 'CO2e saved per inference by PRUNED vs BASE, percent.' },
  { name: 'co2e-per-1m-g', description: 'CO2e of PRUNED per 1M inferences, grams.' },
  {
    name: 'macs-reduction-pct',
    description: 'Dense MACs removed by PRUNED vs BASE, percent (structured pruning).',
  },
  {
    name: 'sparse-macs-reduction-pct',
    description: 'Sparse-effective MACs removed (weights that are exactly zero skipped), percent.',
  },
  { name: 'nonzero-params-reduction-pct', description: 'Nonzero parameters removed, percent.' },
  {
    name: 'latency-change-pct',
    description: 'p50 latency change of PRUNED vs BASE, percent (negative: faster).',
  },
  {
    name: 'gate-passed',
    description:
      'true when no gate check failed (an advisory gate that failed also gives false; only the exit code differs).',
  },
  { name: 'gate-status', description: 'pass, warn, fail, or none (no checks configured).' },
  {
    name: 'gate-message',
    description: 'The failing checks with value, interval and threshold; empty when the gate passed.',
  },
  { name: 'report-path', description: 'Path of report.json.' },
  { name: 'markdown-path', description: 'Path of report.md.' },
  { name: 'comment-url', description: 'URL of the sticky PR comment, when one was created or updated.' },
  { name: 'comment-id', description: 'Numeric id of the sticky PR comment.' },
  { name: 'artifact-id', description: 'Id of the uploaded artifact.' },
  { name: 'artifact-url', description: 'Link to the uploaded artifact.' },
  {
    name: 'baseline-run-id',
    description: 'Workflow run whose report.json was the baseline; empty without one.',
  },
  {
    name: 'pull-request',
    description: 'Number of the pull request commented on (comment mode: resolved from the run’s head SHA).',
  },
];

function fixed(x: number | null | undefined): string {
  return x == null || !Number.isFinite(x) ? '' : String(Math.round(x * 100) / 100);
}

/** `(1 − ratio) × 100` of a delta, '' when absent. */
function reduction(report: Report, key: string): string {
  const d = report.deltas?.[key];
  return d?.ratio == null || d.verdict === 'not-measured' ? '' : fixed((1 - d.ratio) * 100);
}

/** The figure outputs of a report (everything but paths, comment, artifact and baseline). */
export function reportOutputs(report: Report): Record<string, string> {
  const energy = report.deltas?.energyPerInference;
  const latency = report.deltas?.latencyP50;
  const { base, pruned } = report.models;
  const method =
    base.energyJ.method === 'measured' && pruned.energyJ.method === 'measured' ? 'measured' : 'estimated';
  const status = overallStatus(report.gate);
  return {
    'energy-savings-pct': reduction(report, 'energyPerInference'),
    'energy-savings-ci-pct': energy?.ci
      ? `${fixed((1 - energy.ci[1]) * 100)},${fixed((1 - energy.ci[0]) * 100)}`
      : '',
    'energy-method': method,
    'co2e-savings-pct': reduction(report, 'co2ePerInference'),
    'co2e-per-1m-g': fixed(pruned.co2eG?.per1M),
    'macs-reduction-pct': reduction(report, 'macsDense'),
    'sparse-macs-reduction-pct': reduction(report, 'macsSparse'),
    'nonzero-params-reduction-pct': reduction(report, 'nonzeroParameters'),
    'latency-change-pct': latency?.change == null ? '' : fixed(latency.change * 100),
    'gate-passed': String(report.gate?.passed !== false),
    'gate-status': status,
    'gate-message': report.gate && !report.gate.passed ? gateFailureMessage(report.gate) : '',
  };
}
