/** `<details>` with one row per batch size, when the benchmark compared more than one. */
import { markdownTable } from 'markdown-table';
import type { Report } from '../types.js';
import { durationMs, energyJ, rate, signedPct } from './format.js';

function ratioCell(r: { ratio: number; ci?: [number, number] } | null): string {
  if (!r) return '—';
  const ci = r.ci ? ` (${signedPct(r.ci[0] - 1)}…${signedPct(r.ci[1] - 1)})` : '';
  return `${signedPct(r.ratio - 1)}${ci}`;
}

/** Lines of the batch-size section, or none with a single batch size. */
export function renderBatchSizes(report: Report): string[] {
  const rows = report.batchSizes ?? [];
  if (rows.length < 2) return [];
  const table = [
    [
      'Batch',
      'Latency p50 BASE → PRUNED',
      'Δ latency',
      'Throughput BASE → PRUNED',
      'Energy / inference BASE → PRUNED',
      'Δ energy',
    ],
  ];
  for (const b of rows) {
    table.push([
      String(b.batchSize),
      `${durationMs(b.latencyP50Ms.base)} → ${durationMs(b.latencyP50Ms.pruned)}`,
      ratioCell(b.latencyRatio),
      `${rate(b.throughputPerS.base)} → ${rate(b.throughputPerS.pruned)}`,
      `${energyJ(b.energyJPerInference.base)} → ${energyJ(b.energyJPerInference.pruned)}`,
      ratioCell(b.energyRatio),
    ]);
  }
  return [
    '<details>',
    `<summary>Batch sizes (${rows.length})</summary>`,
    '',
    ...markdownTable(table, { align: ['r', 'r', 'r', 'r', 'r', 'r'], alignDelimiters: false }).split('\n'),
    '',
    '</details>',
  ];
}
