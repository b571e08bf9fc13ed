/**
 * The measurement schedule shared by ONNX and command mode: an optional idle window, then
 * interleaved rounds (BASE/PRUNED, PRUNED/BASE, ...: the order alternates so drift and heat hit
 * both), meters started before and stopped after every window, until the interval of the
 * latency ratio is narrow enough or the time budget is spent. Rounds only stop after an even
 * count, so the schedule is a whole number of ABBA blocks: each model runs first exactly as often
 * as second, and right after the other model as often as right after itself.
 *
 * The ratio is the median over rounds of (PRUNED window median / BASE window median), with the
 * distribution-free order-statistic interval of that median. A round's two windows run back to
 * back, so slow drift (clocks, heat, neighbours) cancels within the pair, and round-to-round noise
 * (with fresh sessions: memory placement too), not just iteration noise, sets the width. That
 * keeps a BASE-vs-BASE null test honest on a noisy shared machine, where an iteration-level
 * bootstrap gives intervals far too narrow.
 */
import type { Logger } from '../log.js';
import type { EnergyReading, MeasuredWindow, PowerMeter } from '../power/types.js';
import { medianCI } from '../stats/median-ci.js';
import { relativeHalfWidth, verdictFromCI } from '../stats/verdict.js';
import type { WorkloadOptions } from './inputs.js';
import type { LatencyDelta, Role } from './types.js';

/** What one window of one model produced. */
export interface WindowOutcome {
  latencyMs: number[];
  inferences: number;
  /** The per-window statistic compared (median ms per batch, or per item). */
  statMs: number;
}

export interface RoundsInput {
  runWindow(role: Role): Promise<WindowOutcome>;
  /**
   * Called before each window, outside the meters and the clock (e.g. to open a session and run
   * un-timed warm-up iterations).
   */
  prepareWindow?(role: Role): Promise<void>;
  /** Called after each window, outside the meters (e.g. to release the session). */
  afterWindow?(role: Role): Promise<void>;
  meters: PowerMeter[];
  options: Pick<WorkloadOptions, 'durationS' | 'targetCiPct' | 'confidence' | 'minRounds' | 'cooldownS'>;
  logger: Logger;
  clock: () => bigint;
}

export interface RoundsOutcome {
  windows: Record<Role, MeasuredWindow[]>;
  latencyMs: Record<Role, number[]>;
  windowStatMs: Record<Role, number[]>;
  rounds: number;
  durationS: number;
  stopReason: string;
  stoppedBy: 'target-ci' | 'duration';
  delta: LatencyDelta;
}

const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;
export const sleep = (s: number) => new Promise<void>((done) => setTimeout(done, s * 1000));

/** Run one metered window: meters start, `body` runs, meters stop. */
export async function meteredWindow<T>(
  meters: PowerMeter[],
  clock: () => bigint,
  body: () => Promise<T>,
): Promise<{ value: T; durationS: number; readings: EnergyReading[]; startedAtMs: number }> {
  await Promise.all(meters.map((m) => m.start()));
  const startedAtMs = Date.now();
  const start = clock();
  const value = await body();
  const durationS = seconds(start, clock());
  const readings = await Promise.all(meters.map((m) => m.stop()));
  return { value, durationS, readings, startedAtMs };
}

/** The idle window: meters running for `idleS` seconds with no inference. */
export async function idleWindow(
  meters: PowerMeter[],
  idleS: number,
  clock: () => bigint,
): Promise<MeasuredWindow> {
  const { durationS, readings, startedAtMs } = await meteredWindow(meters, clock, () => sleep(idleS));
  return { role: 'idle', inferences: 0, durationS, readings, startedAtMs };
}

/** The median per-round PRUNED/BASE ratio, its interval and verdict (lower latency is better). */
export function latencyDelta(
  base: readonly number[],
  pruned: readonly number[],
  confidence: number,
): LatencyDelta {
  const ratios = base.map((b, i) => pruned[i] / b);
  const { median: ratio, ci, coverage, exact } = medianCI(ratios, confidence);
  return {
    ratio,
    ci,
    verdict: verdictFromCI(ci, true),
    halfWidthPct: 100 * relativeHalfWidth(ratio, ci),
    coverage,
    exact,
  };
}

/** Run interleaved rounds until the interval is within target or the budget is spent. */
export async function runRounds(input: RoundsInput): Promise<RoundsOutcome> {
  const { options, meters, clock, logger } = input;
  const windows: Record<Role, MeasuredWindow[]> = { base: [], pruned: [] };
  const latencyMs: Record<Role, number[]> = { base: [], pruned: [] };
  const windowStatMs: Record<Role, number[]> = { base: [], pruned: [] };
  const start = clock();
  let rounds = 0;
  for (;;) {
    const order: Role[] = rounds % 2 === 0 ? ['base', 'pruned'] : ['pruned', 'base'];
    for (const role of order) {
      if (options.cooldownS > 0) await sleep(options.cooldownS);
      await input.prepareWindow?.(role);
      const { value, durationS, readings, startedAtMs } = await meteredWindow(meters, clock, () =>
        input.runWindow(role),
      );
      windows[role].push({ role, inferences: value.inferences, durationS, readings, startedAtMs });
      for (const ms of value.latencyMs) latencyMs[role].push(ms);
      windowStatMs[role].push(value.statMs);
      await input.afterWindow?.(role);
    }
    rounds++;
    const elapsedS = seconds(start, clock());
    if (rounds < options.minRounds || rounds % 2 === 1) continue;
    const delta = latencyDelta(windowStatMs.base, windowStatMs.pruned, options.confidence);
    const target = options.targetCiPct;
    const narrow = delta.exact && delta.halfWidthPct <= target;
    if (narrow || elapsedS >= options.durationS) {
      const width = `±${delta.halfWidthPct.toFixed(2)}%`;
      const stoppedBy = narrow ? 'target-ci' : 'duration';
      const stopReason = narrow
        ? `interval ${width} reached the target ±${target}% after ${rounds} rounds (${elapsedS.toFixed(1)} s)`
        : `time budget of ${options.durationS} s spent after ${rounds} rounds; interval ${width} (target ±${target}%)` +
          (delta.exact
            ? ''
            : `; too few rounds for ${options.confidence} confidence: the interval is min..max, coverage ${delta.coverage.toFixed(3)}`);
      logger.debug(`benchmark: ${stopReason}`);
      return { windows, latencyMs, windowStatMs, rounds, durationS: elapsedS, stopReason, stoppedBy, delta };
    }
  }
}
