/**
 * The benchmark's part of the Report: `BenchmarkInfo`, the latency delta, and per-model latency
 * summaries, so the pipeline does not re-derive them. Pure.
 */
import type { BenchmarkInfo, Delta, LatencySummary } from '../report/types.js';
import { summarize } from '../stats/summary.js';
import type { BenchmarkResult, Role } from './types.js';

/** `report.benchmark` for one comparison. */
export function benchmarkInfo(r: BenchmarkResult): BenchmarkInfo {
  return {
    mode: r.mode,
    batchSize: r.batchSize,
    warmupIterations: r.warmupIterations,
    rounds: r.rounds,
    iterationsPerModel: { base: r.base.iterations, pruned: r.pruned.iterations },
    durationS: r.durationS,
    stopReason: r.stopReason,
    confidence: r.confidence,
  };
}

/** `report.models[role].latencyMs`: percentiles etc. of every latency sample of the model. */
export function latencySummary(r: BenchmarkResult, role: Role): LatencySummary {
  return summarize(r[role].latencyMs);
}

/**
 * `report.deltas.latencyP50`: base/pruned are the p50 of all samples; ratio, interval and verdict
 * are the round-paired ones (median over rounds of the per-round ratio), which is what the
 * interval is about, so `ratio` can differ slightly from pruned/base.
 */
export function latencyDeltaEntry(r: BenchmarkResult): Delta {
  return {
    ratio: r.delta.ratio,
    change: r.delta.ratio - 1,
    ci: r.delta.ci,
    verdict: r.delta.verdict,
    base: latencySummary(r, 'base').p50,
    pruned: latencySummary(r, 'pruned').p50,
    unit: 'ms',
    lowerIsBetter: true,
    method: 'measured',
  };
}
