/**
 * ONNX mode: the very same input tensors through BASE and PRUNED onnxruntime sessions, warm-up
 * until latency is stable, then interleaved metered rounds (see ./rounds.ts), then each model's
 * peak memory in isolated child processes (see ./memory.ts).
 *
 * Both models get identical treatment: before every window, outside the meters and the clock, the
 * window's session runs un-timed iterations (5 after a fresh open, 2 otherwise: the first runs
 * after opening a session are 1.3-2x slower while the arena fills, and the first after the other
 * model ran pay for cold caches), and one un-metered priming round precedes the measured ones.
 * With fresh sessions only the measured model's session exists during its window: onnxruntime's
 * intra-op workers spin after each run, and an idle session's spinning workers stole whole 4 ms
 * scheduler slices from the measured one (p99 ×10 on 2 cores).
 *
 * The hot loop is `await session.run(feeds)` plus one `hrtime` read: input tensors are built once,
 * and each iteration's end time is the next one's start.
 */
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { TensorSpec } from '../model/types.js';
import type { PowerMeter } from '../power/types.js';
import type { OrtModule } from '../runtime/ort.js';
import { median } from '../stats/summary.js';
import { buildWorkload } from './feeds.js';
import type { WorkloadOptions } from './inputs.js';
import { defaultOrtUrl, measurePeakMemory } from './memory.js';
import { idleWindow, runRounds } from './rounds.js';
import { openSession, toOrtFeeds, type OrtTensor, type Session } from './session.js';
import { assembleResult } from './result.js';
import type { BenchmarkResult, Role } from './types.js';
import { warmUp } from './warmup.js';

export interface ComparisonRequest {
  ort: OrtModule;
  base: { path: string; inputs: TensorSpec[] };
  pruned: { path: string; inputs: TensorSpec[] };
  /** Concrete shapes by BASE input name (dynamic axis 0 is replaced by `batchSize`). */
  inputShapes: Record<string, number[]>;
  batchSize: number;
  options: WorkloadOptions;
  /** Active power meters (already probed); each window starts and stops all of them. */
  meters: PowerMeter[];
  logger: Logger;
  /** Nanosecond clock, default `process.hrtime.bigint`. */
  clock?: () => bigint;
  /** Resolves relative input-file paths, default `process.cwd()`. */
  cwd?: string;
  /**
   * Where the memory children import onnxruntime-node from (a file: URL of its entry, or a bare
   * specifier they can resolve); default: resolved from this module. When unresolvable, memory is
   * reported as null with a warning.
   */
  ortUrl?: string;
  /** Memory children per model (see ./memory.ts), default 3; 0 skips the memory measurement. */
  memoryRepeats?: number;
}

/**
 * The hot loop: run `session` on `feeds` until `windowNs` have passed (at least once) and return
 * each run's latency in ms. One clock read per run: each run's end is the next one's start.
 */
export async function timeWindow(
  session: Session,
  feeds: Record<string, OrtTensor>,
  windowNs: bigint,
  clock: () => bigint = process.hrtime.bigint,
): Promise<number[]> {
  const latencyMs: number[] = [];
  const start = clock();
  let t0 = start;
  for (;;) {
    await session.run(feeds);
    const t1 = clock();
    latencyMs.push(Number(t1 - t0) / 1e6);
    t0 = t1;
    if (t1 - start >= windowNs) return latencyMs;
  }
}

export { runCommandComparison, type CommandComparisonRequest } from './command.js';

/** Un-timed runs before a window of a freshly opened session (the first runs fill the arena). */
export const FRESH_WARMUP_ITERATIONS = 5;
/** Un-timed runs before a window of a session that stayed open (caches after the other model). */
export const SWITCH_WARMUP_ITERATIONS = 2;

/** Run one batch size of the ONNX comparison. */
export async function runComparison(req: ComparisonRequest): Promise<BenchmarkResult> {
  const { ort, options, logger, meters, batchSize } = req;
  const clock = req.clock ?? process.hrtime.bigint;
  const workload = await buildWorkload({
    base: req.base.inputs,
    pruned: req.pruned.inputs,
    inputShapes: req.inputShapes,
    batchSize,
    options,
    cwd: req.cwd,
  });
  const sessions: Partial<Record<Role, Session>> = {};
  const release = async (role: Role) => {
    const s = sessions[role];
    sessions[role] = undefined;
    await s?.release();
  };
  try {
    let provider = '';
    const open = async (role: Role) => {
      const opened = await openSession(
        ort,
        req[role].path,
        role === 'base' ? 'BASE' : 'PRUNED',
        options,
        logger,
      );
      provider = opened.executionProvider;
      sessions[role] = opened.session;
    };
    const openStart = clock();
    for (const role of ['base', 'pruned'] as const) await open(role);
    const openS = Number(clock() - openStart) / 1e9;
    const fresh =
      options.freshSessions === 'always' ||
      (options.freshSessions === 'auto' && openS <= Math.min(1, 0.5 * options.minWindowS));
    const baseFeeds = toOrtFeeds(ort, workload.base);
    // PRUNED gets the same ort.Tensor objects under its own names.
    const byHost = new Map(Object.entries(workload.base).map(([name, host]) => [host, baseFeeds[name]]));
    const prunedFeeds: Record<string, OrtTensor> = {};
    for (const [name, host] of Object.entries(workload.pruned)) prunedFeeds[name] = byHost.get(host)!;
    const feeds: Record<Role, Record<string, OrtTensor>> = { base: baseFeeds, pruned: prunedFeeds };
    const run = (role: Role) => sessions[role]!.run(feeds[role]);

    const idle =
      options.idleDurationS > 0 && meters.length > 0
        ? await idleWindow(meters, options.idleDurationS, clock)
        : null;
    const warmupIterations = await warmUp(run, options.warmupMaxIterations, clock);
    logger.debug(`benchmark: warm-up ${warmupIterations} iterations per model (batch ${batchSize})`);
    if (fresh) for (const role of ['base', 'pruned'] as const) await release(role);

    const windowNs = BigInt(Math.round(options.minWindowS * 1e9));
    const prepareWindow = async (role: Role) => {
      if (fresh) await open(role);
      const n = fresh ? FRESH_WARMUP_ITERATIONS : SWITCH_WARMUP_ITERATIONS;
      for (let i = 0; i < n; i++) await run(role);
    };
    const afterWindow = async (role: Role) => {
      if (fresh) await release(role);
    };
    // A priming round, un-metered and discarded (PRUNED, BASE: the ABBA sequence continues into
    // the measured rounds). One-off events after the set-up (garbage collection of the warm-up,
    // the first calls of the hot loop) stalled whichever window came first, always BASE's.
    for (const role of ['pruned', 'base'] as const) {
      await prepareWindow(role);
      await timeWindow(sessions[role]!, feeds[role], windowNs, clock);
      await afterWindow(role);
    }
    const outcome = await runRounds({
      meters,
      options,
      logger,
      clock,
      prepareWindow,
      runWindow: async (role) => {
        const latencyMs = await timeWindow(sessions[role]!, feeds[role], windowNs, clock);
        return { latencyMs, inferences: latencyMs.length * batchSize, statMs: median(latencyMs) };
      },
      afterWindow,
    });
    for (const role of ['base', 'pruned'] as const) await release(role);

    const warnings: string[] = [];
    if (provider !== options.executionProvider) {
      warnings.push(`execution provider ${options.executionProvider} was unavailable; ran on ${provider}`);
    }
    // CPU only: on other providers GPU memory comes from the meters.
    let peakRss: Record<Role, number> | null = null;
    const repeats = req.memoryRepeats ?? 3;
    const ortUrl = req.ortUrl ?? defaultOrtUrl();
    if (provider === 'cpu' && repeats > 0 && ortUrl === null) {
      warnings.push('peak memory not measured: cannot locate onnxruntime-node for the memory children');
    } else if (provider === 'cpu' && repeats > 0 && ortUrl !== null) {
      peakRss = await measurePeakMemory({
        ortUrl,
        repeats,
        models: { base: req.base.path, pruned: req.pruned.path },
        feeds: workload,
        settings: options,
      }).catch((error: unknown) => {
        warnings.push(`peak memory not measured: ${errorMessage(error)}`);
        return null;
      });
    }
    return assembleResult({
      mode: 'onnx',
      outcome,
      executionProvider: provider,
      requestedExecutionProvider: options.executionProvider,
      batchSize,
      warmupIterations,
      confidence: options.confidence,
      freshSessions: fresh,
      idle,
      peakRss,
      inputSources: workload.sources,
      warnings,
    });
  } finally {
    await Promise.all(Object.values(sessions).map((s) => s?.release()));
  }
}
