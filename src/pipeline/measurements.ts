/**
 * From one benchmark comparison (harness windows + meter readings) to the report's per-model
 * measurements and ratio intervals. Pure.
 */
import type { EnergySummary } from '../power/summary.js';
import type { RoleMeasurements } from '../report/build.js';
import type { ModelAnalysis } from '../model/types.js';
import { medianCI } from '../stats/median-ci.js';
import type { BenchmarkResult, Role } from '../workload/types.js';

/**
 * Ratio PRUNED / BASE from per-round pairs: the median of the per-round ratios with its
 * distribution-free interval — the same method as the latency ratio, so drift that hits both
 * models in one round cancels. Null when there are no complete pairs.
 */
export function pairedRatio(
  base: readonly number[],
  pruned: readonly number[],
  confidence: number,
): { ratio: number; ci?: [number, number] } | null {
  const n = Math.min(base.length, pruned.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) if (base[i] > 0 && Number.isFinite(pruned[i])) ratios.push(pruned[i] / base[i]);
  if (ratios.length === 0) return null;
  const interval = medianCI(ratios, confidence);
  return { ratio: interval.median, ci: interval.ci };
}

export function roleMeasurements(
  bench: BenchmarkResult,
  role: Role,
  energy: EnergySummary,
  analysis: ModelAnalysis | null,
  path: string | null,
): RoleMeasurements {
  const r = bench[role];
  return {
    path,
    analysis,
    latencyMs: r.latencyMs,
    throughputPerS: r.throughputPerS,
    peakRssIncreaseBytes: r.peakRssIncreaseBytes,
    gpuMemoryUsedMiB: r.gpuMemoryUsedMiB,
    energy: {
      perInference: energy.perInference,
      activePerInference: energy.activePerInference,
      method: energy.method,
      methodByDomain: energy.methodByDomain,
      byDomain: energy.byDomain,
      meterByDomain: energy.meterByDomain,
      meanPowerW: energy.meanPowerW,
      idlePowerW: energy.idlePowerW,
      notes: energy.notes,
    },
  };
}

/** Per-batch-size summary rows (every batch size run, the first one being the main comparison). */
export interface BatchComparison {
  batchSize: number;
  latencyP50Ms: { base: number; pruned: number };
  throughputPerS: { base: number; pruned: number };
  energyJPerInference: { base: number; pruned: number };
  latencyRatio: { ratio: number; ci: [number, number] };
  energyRatio: { ratio: number; ci?: [number, number] } | null;
  stopReason: string;
}
