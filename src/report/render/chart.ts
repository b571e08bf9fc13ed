/** A Mermaid `xychart-beta` bar chart: PRUNED as % of BASE for the headline figures. */
import type { Report } from '../types.js';
import { deltaFor } from './metrics.js';

/** Lines of the chart, or none when fewer than two figures can be compared. */
export function renderChart(report: Report): string[] {
  const { base, pruned } = report.models;
  const figures: [string, number | null | undefined, number | null | undefined, string][] = [
    ['MACs (sparse)', base.analysis?.macs.sparse, pruned.analysis?.macs.sparse, 'macsSparse'],
    ['Latency p50', base.latencyMs.p50, pruned.latencyMs.p50, 'latencyP50'],
    ['Energy', base.energyJ.perInference, pruned.energyJ.perInference, 'energyPerInference'],
    ['CO2e', base.co2eG.per1M, pruned.co2eG.per1M, 'co2ePerInference'],
  ];
  const labels: string[] = [];
  const values: number[] = [];
  for (const [name, b, p, key] of figures) {
    const d = deltaFor(report, key, b, p, true);
    if (d.ratio == null || !Number.isFinite(d.ratio)) continue;
    labels.push(`"${name}"`);
    values.push(Math.round(d.ratio * 1000) / 10);
  }
  if (values.length < 2) return [];
  const top = Math.max(100, ...values);
  const yMax = Math.ceil((top * 1.1) / 10) * 10;
  return [
    '```mermaid',
    'xychart-beta',
    '  title "PRUNED as % of BASE (lower is better)"',
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "% of BASE" 0 --> ${yMax}`,
    `  bar [${values.join(', ')}]`,
    `  line [${values.map(() => 100).join(', ')}]`,
    '```',
  ];
}
