/** What one benchmark comparison (one batch size) yields; the lead turns it into Report rows. */
import type { MeasuredWindow } from '../power/types.js';
import type { Verdict } from '../report/types.js';

export type Role = 'base' | 'pruned';

/** The figures of one model over all its measurement windows. */
export interface RoleResult {
  /**
   * Latency samples in ms, in the order measured. ONNX mode: one per `session.run` of a whole
   * batch. Command mode: the command's own `latencyMs` when it writes metrics, else one wall time
   * per run.
   */
  latencyMs: number[];
  /** One window per round (meter readings included), in the order run. */
  windows: MeasuredWindow[];
  /** Inferences (items) per second over the windows: Σ inferences / Σ window seconds. */
  throughputPerS: number;
  /** Iterations (ONNX: session runs; command: runs) in the measured windows. */
  iterations: number;
  /** The per-window statistic the ratio interval is built from (median ms per batch or per item). */
  windowStatMs: number[];
  /**
   * Peak RSS this model adds, bytes (ONNX mode on CPU; null otherwise): maxRSS of a fresh child
   * process that opens the model and runs the benchmark inputs, minus that of the same child with
   * a one-node Identity model; median of 3 interleaved children. See `MEMORY_METHOD` in
   * ./memory.ts.
   */
  peakRssIncreaseBytes: number | null;
  /** Highest GPU memory any meter reported during this model's windows, MiB (null when none did). */
  gpuMemoryUsedMiB: number | null;
}

/** The PRUNED / BASE latency ratio with its interval. */
export interface LatencyDelta {
  /** Median over rounds of (PRUNED window median / BASE window median). */
  ratio: number;
  /** Order-statistic (sign-test) interval of that median at `confidence`; distribution-free. */
  ci: [number, number];
  /** Coverage the interval actually has (≥ confidence when `exact`). */
  coverage: number;
  /** False when too few rounds ran for the confidence (then `ci` is min..max of the round ratios). */
  exact: boolean;
  verdict: Verdict;
  /** Half-width of the interval relative to the ratio, percent. */
  halfWidthPct: number;
}

export interface BenchmarkResult {
  mode: 'onnx' | 'command';
  /** The provider the sessions actually ran with (`command` in command mode). */
  executionProvider: string;
  /** The provider the user asked for. */
  requestedExecutionProvider: string;
  batchSize: number;
  /** Warm-up iterations per model (not measured). */
  warmupIterations: number;
  /** Interleaved rounds run (each: one window per model). */
  rounds: number;
  /** Seconds spent in the rounds. */
  durationS: number;
  /** Why the rounds stopped, in words. */
  stopReason: string;
  /** Whether both sessions were reopened before every round (see the `fresh-sessions` input). */
  freshSessions: boolean;
  /** Machine-readable form of `stopReason`. */
  stoppedBy: 'target-ci' | 'duration';
  confidence: number;
  base: RoleResult;
  pruned: RoleResult;
  /** The idle window (meters running, no inference); null when skipped. */
  idle: MeasuredWindow | null;
  delta: LatencyDelta;
  /** Where each input tensor came from (ONNX mode), by BASE input name. */
  inputSources: Record<string, string>;
  warnings: string[];
}
