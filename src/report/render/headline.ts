/**
 * The first line of the comment: the verdict and the headline savings, e.g.
 * "✅ PRUNED saves 41% energy per inference (±3%), 2.1 kg CO2e per 1M inferences".
 */
import type { Delta, Report } from '../types.js';
import { overallStatus } from './gate.js';
import { escapeText } from './escape.js';
import { massG, roundPct } from './format.js';
import { deltaFor } from './metrics.js';

/** Half the width of the ratio's interval, as a rounded percentage: "±3%". */
function plusMinus(delta: Delta): string {
  if (!delta.ci) return '';
  return ` (±${roundPct((delta.ci[1] - delta.ci[0]) / 2)})`;
}

function energySentence(report: Report): string | null {
  const { base, pruned } = report.models;
  const d = deltaFor(
    report,
    'energyPerInference',
    base.energyJ.perInference,
    pruned.energyJ.perInference,
    true,
  );
  if (d.change == null || d.verdict === 'not-measured') return null;
  const estimated =
    base.energyJ.method === 'estimated' || pruned.energyJ.method === 'estimated' ? 'estimated ' : '';
  const savedG = base.co2eG.per1M - pruned.co2eG.per1M;
  if (d.verdict === 'no-significant-change') {
    const pm = d.ci ? ` ±${roundPct((d.ci[1] - d.ci[0]) / 2)}` : '';
    return `PRUNED shows no significant ${estimated}energy change per inference (${roundPct(d.change)}${pm})`;
  }
  if (d.change < 0) {
    return `PRUNED saves ${roundPct(-d.change)} ${estimated}energy per inference${plusMinus(d)}, ${massG(savedG)} CO2e per 1M inferences`;
  }
  return `PRUNED uses ${roundPct(d.change)} more ${estimated}energy per inference${plusMinus(d)}, ${massG(-savedG)} more CO2e per 1M inferences`;
}

function macsSentence(report: Report): string {
  const { base, pruned } = report.models;
  const b = base.analysis?.macs.sparse;
  const p = pruned.analysis?.macs.sparse;
  const d = deltaFor(report, 'macsSparse', b, p, true);
  if (d.change == null) return 'PRUNED compared with BASE (energy and MACs not measured)';
  if (d.change < 0)
    return `PRUNED needs ${roundPct(-d.change)} fewer MACs (sparse-effective); energy not measured`;
  return `PRUNED needs ${roundPct(d.change)} more MACs (sparse-effective); energy not measured`;
}

/** Without gate checks the icon follows the energy (else MACs) verdict: ✅ better, 🔺 worse, ➖ no change. */
function ungatedIcon(report: Report): string {
  const { base, pruned } = report.models;
  const e = deltaFor(
    report,
    'energyPerInference',
    base.energyJ.perInference,
    pruned.energyJ.perInference,
    true,
  );
  const d =
    e.change != null && e.verdict !== 'not-measured'
      ? e
      : deltaFor(report, 'macsSparse', base.analysis?.macs.sparse, pruned.analysis?.macs.sparse, true);
  return d.verdict === 'improved' ? '✅' : d.verdict === 'regressed' ? '🔺' : '➖';
}

const points = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(2)}`;

/** "; top1 −0.75 pt (−4.50…+3.00, within noise): 5.12 g CO2e saved per 1M inferences per top1 point lost" */
function tradeOffSentence(report: Report): string {
  const t = report.tradeOff;
  if (!t) return '';
  const metric = escapeText(t.metric, 40);
  // The drop is positive when PRUNED is worse; show it as PRUNED's change.
  const interval = `${points(-t.dropCi[1])}…${points(-t.dropCi[0])}`;
  const noise = t.significant ? 'significant' : 'within noise';
  const tail = t.gPer1MPerPoint === null ? '' : `: ${escapeText(t.text, 120)}`;
  return `; ${metric} ${points(-t.dropPoints)} pt (${interval}, ${noise})${tail}`;
}

/** One line: status icon, savings sentence, the accuracy trade-off, and what the gate said. */
export function renderHeadline(report: Report): string {
  const status = overallStatus(report.gate);
  const enforced = report.gate?.enforced !== false;
  const icon =
    status === 'fail'
      ? enforced
        ? '❌'
        : '⚠️'
      : status === 'warn'
        ? '⚠️'
        : status === 'pass'
          ? '✅'
          : ungatedIcon(report);
  const sentence = energySentence(report) ?? macsSentence(report);
  const checks = report.gate?.checks ?? [];
  const failed = checks.filter((c) => c.status === 'fail');
  const warned = checks.filter((c) => c.status === 'warn');
  let gate = '';
  if (failed.length > 0) {
    gate = ` — gate ${enforced ? 'failed' : 'failed (advisory)'}: ${failed.map((c) => escapeText(c.name, 60)).join(', ')}`;
  } else if (warned.length > 0) {
    gate = ` — gate passed with ${warned.length} warning${warned.length > 1 ? 's' : ''}: ${warned.map((c) => escapeText(c.name, 60)).join(', ')}`;
  } else if (status === 'pass') {
    gate = ' — gate passed';
  }
  return `${icon} ${sentence}${tradeOffSentence(report)}${gate}`;
}
