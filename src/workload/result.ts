/** Turns the rounds' raw outcome into a `BenchmarkResult` (per-role throughput, memory, GPU memory). */
import type { MeasuredWindow } from '../power/types.js';
import type { RoundsOutcome } from './rounds.js';
import type { BenchmarkResult, Role, RoleResult } from './types.js';

export interface ResultParts {
  mode: BenchmarkResult['mode'];
  outcome: RoundsOutcome;
  executionProvider: string;
  requestedExecutionProvider: string;
  batchSize: number;
  warmupIterations: number;
  confidence: number;
  freshSessions: boolean;
  idle: MeasuredWindow | null;
  peakRss: Record<Role, number> | null;
  /** Per-role iteration counts when they differ from the latency sample counts (command mode). */
  iterations?: Record<Role, number>;
  inputSources: Record<string, string>;
  warnings: string[];
}

export function assembleResult(parts: ResultParts): BenchmarkResult {
  const { outcome } = parts;
  const role = (r: Role): RoleResult => {
    const windows = outcome.windows[r];
    const inferences = windows.reduce((sum, w) => sum + w.inferences, 0);
    const seconds = windows.reduce((sum, w) => sum + w.durationS, 0);
    const gpu = windows
      .flatMap((w) => w.readings.map((x) => x.extra?.gpuMemoryUsedMiB))
      .filter((x): x is number => typeof x === 'number');
    return {
      latencyMs: outcome.latencyMs[r],
      windows,
      throughputPerS: seconds > 0 ? inferences / seconds : 0,
      iterations: parts.iterations?.[r] ?? outcome.latencyMs[r].length,
      windowStatMs: outcome.windowStatMs[r],
      peakRssIncreaseBytes: parts.peakRss ? parts.peakRss[r] : null,
      gpuMemoryUsedMiB: gpu.length > 0 ? Math.max(...gpu) : null,
    };
  };
  return {
    mode: parts.mode,
    executionProvider: parts.executionProvider,
    requestedExecutionProvider: parts.requestedExecutionProvider,
    batchSize: parts.batchSize,
    warmupIterations: parts.warmupIterations,
    rounds: outcome.rounds,
    durationS: outcome.durationS,
    stopReason: outcome.stopReason,
    stoppedBy: outcome.stoppedBy,
    confidence: parts.confidence,
    freshSessions: parts.freshSessions,
    base: role('base'),
    pruned: role('pruned'),
    idle: parts.idle,
    delta: outcome.delta,
    inputSources: parts.inputSources,
    warnings: parts.warnings,
  };
}
