/**
 * ONNX mode: the very same input tensors through BASE and PRUNED onnxruntime sessions, warm-up
 * until latency is stable, then interleaved metered rounds (see ./rounds.ts).
 *
 * The hot loop is `await session.run(feeds)` plus one `hrtime` read: input tensors are built once,
 * and each iteration's end time is the next one's start.
 */
import type { Logger } from '../log.js';
import type { TensorSpec } from '../model/types.js';
import type { PowerMeter } from '../power/types.js';
import type { OrtModule } from '../runtime/ort.js';
import { median } from '../stats/summary.js';
import { buildWorkload } from './feeds.js';
import type { WorkloadOptions } from './inputs.js';
import { RssTracker } from './memory.js';
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

/** Runs of a freshly opened session before its window (first runs allocate the arena). */
const FRESH_WARMUP_ITERATIONS = 5;

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
  const rss = new RssTracker();
  const sessions: Partial<Record<Role, Session>> = {};
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
      return opened.session;
    };
    const openStart = clock();
    for (const role of ['base', 'pruned'] as const) {
      rss.begin();
      sessions[role] = await open(role);
      rss.end(role);
    }
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
    const warmupIterations = await warmUp(run, options.warmupMaxIterations, clock, rss);
    logger.debug(`benchmark: warm-up ${warmupIterations} iterations per model (batch ${batchSize})`);

    const windowNs = BigInt(Math.round(options.minWindowS * 1e9));
    const outcome = await runRounds({
      meters,
      options,
      logger,
      clock,
      runWindow: async (role) => {
        rss.begin();
        const latencyMs = await timeWindow(sessions[role]!, feeds[role], windowNs, clock);
        return { latencyMs, inferences: latencyMs.length * batchSize, statMs: median(latencyMs) };
      },
      afterWindow: (role) => rss.end(role),
      // Fresh sessions put weights and arenas at new addresses every round, so the placement
      // luck of one session cannot masquerade as a difference between the models.
      beforeRound: !fresh
        ? undefined
        : async (round) => {
            if (round === 0) return;
            // Reopen in the round's order (it alternates), so neither model is always the newest.
            const order: Role[] = round % 2 === 0 ? ['base', 'pruned'] : ['pruned', 'base'];
            for (const role of order) {
              await sessions[role]!.release();
              sessions[role] = undefined;
              sessions[role] = await open(role);
            }
            for (const role of order) for (let i = 0; i < FRESH_WARMUP_ITERATIONS; i++) await run(role);
          },
    });
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
      peakRss: provider === 'cpu' ? { base: rss.peak('base'), pruned: rss.peak('pruned') } : null,
      inputSources: workload.sources,
      warnings:
        provider !== options.executionProvider
          ? [`execution provider ${options.executionProvider} was unavailable; ran on ${provider}`]
          : [],
    });
  } finally {
    await Promise.all(Object.values(sessions).map((s) => s?.release()));
  }
}
