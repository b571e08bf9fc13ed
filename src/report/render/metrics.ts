/**
 * The BASE | PRUNED | Δ table: one row per compared figure. Values come from the two model
 * reports; Δ, its interval and verdict from `report.deltas[key]` when the pipeline computed one,
 * else an exact ratio of the two values.
 */
import { markdownTable } from 'markdown-table';
import type { Delta, ModelReport, Report } from '../types.js';
import { accuracyDeltaKey } from '../../pipeline/accuracy.js';
import { BYTES_PER_MIB } from '../../units.js';
import { escapeText } from './escape.js';
import * as fmt from './format.js';

/** Keys of `report.deltas` the table reads (DESIGN.md names plus the extra rows). */
export const DELTA_KEYS = {
  parameters: 'parameters',
  nonzeroParameters: 'nonzeroParameters',
  fileBytes: 'fileBytes',
  macsDense: 'macsDense',
  macsSparse: 'macsSparse',
  latencyP50: 'latencyP50',
  latencyP90: 'latencyP90',
  latencyP99: 'latencyP99',
  throughput: 'throughput',
  peakMemory: 'peakMemory',
  gpuMemory: 'gpuMemory',
  energyPerInference: 'energyPerInference',
  activeEnergyPerInference: 'activeEnergyPerInference',
  co2ePerInference: 'co2ePerInference',
  energyCostPer1M: 'energyCostPer1M',
  computeCostPer1M: 'computeCostPer1M',
} as const;

interface RowDef {
  label: string;
  key: string;
  lowerIsBetter: boolean;
  format: (x: number) => string;
  get: (m: ModelReport) => number | null | undefined;
}

function rowDefs(report: Report): RowDef[] {
  const { base, pruned } = report.models;
  const est = (m: Report['models']['base']) => (m.energyJ.method === 'estimated' ? ' (estimated)' : '');
  const energyNote = est(base) || est(pruned);
  const gpuMemory = base.memory.gpuMemoryUsedMiB != null || pruned.memory.gpuMemoryUsedMiB != null;
  const rows: RowDef[] = [
    {
      label: 'Parameters',
      key: 'parameters',
      lowerIsBetter: true,
      format: fmt.count,
      get: (m) => m.analysis?.parameters.total,
    },
    {
      label: 'Nonzero parameters',
      key: 'nonzeroParameters',
      lowerIsBetter: true,
      format: fmt.count,
      get: (m) => m.analysis?.parameters.nonzero,
    },
    {
      label: 'Size on disk',
      key: 'fileBytes',
      lowerIsBetter: true,
      format: fmt.bytes,
      get: (m) =>
        m.analysis ? m.analysis.model.fileBytes + (m.analysis.model.externalDataBytes ?? 0) : null,
    },
    {
      label: 'MACs (dense)',
      key: 'macsDense',
      lowerIsBetter: true,
      format: fmt.count,
      get: (m) => m.analysis?.macs.dense,
    },
    {
      label: 'MACs (sparse)',
      key: 'macsSparse',
      lowerIsBetter: true,
      format: fmt.count,
      get: (m) => m.analysis?.macs.sparse,
    },
    {
      label: 'Latency p50',
      key: 'latencyP50',
      lowerIsBetter: true,
      format: fmt.durationMs,
      get: (m) => m.latencyMs.p50,
    },
    {
      label: 'Latency p90',
      key: 'latencyP90',
      lowerIsBetter: true,
      format: fmt.durationMs,
      get: (m) => m.latencyMs.p90,
    },
    {
      label: 'Latency p99',
      key: 'latencyP99',
      lowerIsBetter: true,
      format: fmt.durationMs,
      get: (m) => m.latencyMs.p99,
    },
    {
      label: 'Throughput',
      key: 'throughput',
      lowerIsBetter: false,
      format: fmt.rate,
      get: (m) => m.throughputPerS,
    },
    gpuMemory
      ? {
          label: 'GPU memory used',
          key: 'gpuMemory',
          lowerIsBetter: true,
          format: fmt.bytes,
          get: (m) => (m.memory.gpuMemoryUsedMiB == null ? null : m.memory.gpuMemoryUsedMiB * BYTES_PER_MIB),
        }
      : {
          label: 'Peak memory (above a baseline process)',
          key: 'peakMemory',
          lowerIsBetter: true,
          format: fmt.bytes,
          get: (m) => m.memory.peakRssIncreaseBytes,
        },
    {
      label: `Energy / inference${energyNote}`,
      key: 'energyPerInference',
      lowerIsBetter: true,
      format: fmt.energyJ,
      get: (m) => m.energyJ.perInference,
    },
    {
      label: `Energy / inference, idle-corrected${energyNote}`,
      key: 'activeEnergyPerInference',
      lowerIsBetter: true,
      format: fmt.energyJ,
      get: (m) => m.energyJ.activePerInference,
    },
    {
      label: 'CO2e / 1M inferences',
      key: 'co2ePerInference',
      lowerIsBetter: true,
      format: fmt.massG,
      get: (m) => m.co2eG.per1M,
    },
  ];
  const cost = report.cost;
  if (cost) {
    const money = (x: number) => fmt.money(x, escapeText(cost.currency, 8));
    const side = (m: ModelReport) => (m.role === 'pruned' ? cost.pruned : cost.base);
    rows.push({
      label: 'Energy cost / 1M inferences',
      key: 'energyCostPer1M',
      lowerIsBetter: true,
      format: money,
      get: (m) => side(m)?.energyCostPer1M,
    });
    rows.push({
      label: 'Compute cost / 1M inferences',
      key: 'computeCostPer1M',
      lowerIsBetter: true,
      format: money,
      get: (m) => side(m)?.computeCostPer1M,
    });
  }
  const metrics = new Set([...Object.keys(base.accuracy ?? {}), ...Object.keys(pruned.accuracy ?? {})]);
  for (const metric of [...metrics].sort()) {
    rows.push({
      label: `Accuracy: ${escapeText(metric, 40)}`,
      key: accuracyDeltaKey(metric),
      lowerIsBetter: false,
      format: (x) => fmt.sig(x, 4),
      get: (m) => m.accuracy?.[metric],
    });
  }
  return rows;
}

/** The delta the pipeline computed for `key`, else an exact one from the two values. */
export function deltaFor(
  report: Report,
  key: string,
  base: number | null | undefined,
  pruned: number | null | undefined,
  lowerIsBetter: boolean,
): Delta {
  const given = report.deltas[key];
  if (given) return given;
  const b = base ?? null;
  const p = pruned ?? null;
  const ratio = b != null && p != null && b !== 0 ? p / b : null;
  const change = ratio == null ? null : ratio - 1;
  const better = change == null || change === 0 ? null : lowerIsBetter ? change < 0 : change > 0;
  const verdict =
    change == null
      ? 'not-measured'
      : better == null
        ? 'no-significant-change'
        : better
          ? 'improved'
          : 'regressed';
  return { ratio, change, verdict, base: b, pruned: p, unit: '', lowerIsBetter, method: 'exact' };
}

const VERDICT_MARK: Record<Delta['verdict'], string> = {
  improved: ' 🟢',
  regressed: ' 🔴',
  'no-significant-change': ' ⚪',
  'not-measured': '',
};

/** "−41.2% (−44.1…−38.3%) 🟢", or "—" when there is nothing to compare. */
export function deltaCell(delta: Delta): string {
  if (delta.change == null) return '—';
  const ci = delta.ci ? ` (${fmt.signedPct(delta.ci[0] - 1)}…${fmt.signedPct(delta.ci[1] - 1)})` : '';
  return `${fmt.signedPct(delta.change)}${ci}${VERDICT_MARK[delta.verdict]}`;
}

/** Table lines BASE | PRUNED | Δ. */
export function renderMetricsTable(report: Report): string[] {
  const rows: string[][] = [['Metric', 'BASE', 'PRUNED', 'Δ']];
  for (const def of rowDefs(report)) {
    const b = def.get(report.models.base);
    const p = def.get(report.models.pruned);
    if (b == null && p == null) continue;
    const delta = deltaFor(report, def.key, b, p, def.lowerIsBetter);
    const cell = (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? '—' : def.format(x));
    rows.push([def.label, cell(b), cell(p), deltaCell(delta)]);
  }
  return markdownTable(rows, { align: ['l', 'r', 'r', 'r'], alignDelimiters: false }).split('\n');
}
