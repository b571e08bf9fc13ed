import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/log.js';
import type { PowerMeter } from '../../src/power/types.js';
import { assembleResult } from '../../src/workload/result.js';
import { benchmarkInfo, latencyDeltaEntry } from '../../src/workload/report-rows.js';
import { runRounds, type WindowOutcome } from '../../src/workload/rounds.js';
import type { Role } from '../../src/workload/types.js';

/** A clock that advances `stepNs` on every read. */
const steppingClock = (stepNs: bigint) => {
  let now = 0n;
  return () => (now += stepNs);
};
const options = { durationS: 10, targetCiPct: 2, confidence: 0.95, minRounds: 4, cooldownS: 0 };

/** A scripted model runner: window statistic per role from a function of the window index. */
function scripted(stat: (role: Role, i: number) => number) {
  const count: Record<Role, number> = { base: 0, pruned: 0 };
  const order: Role[] = [];
  return {
    order,
    runWindow: async (role: Role): Promise<WindowOutcome> => {
      order.push(role);
      const ms = stat(role, count[role]++);
      return { latencyMs: [ms, ms], inferences: 2, statMs: ms };
    },
  };
}

describe('runRounds', () => {
  it('stops on the target once the interval is exact and narrow, with alternating order', async () => {
    const runner = scripted((role) => (role === 'base' ? 10 : 5));
    const r = await runRounds({
      ...runner,
      meters: [],
      options,
      logger: memoryLogger(),
      clock: steppingClock(1_000_000n),
    });
    // Constant ratios: the interval has zero width, but n=6 is the first exact one at 95%.
    expect(r.rounds).toBe(6);
    expect(r.stoppedBy).toBe('target-ci');
    expect(r.delta).toMatchObject({ ratio: 0.5, ci: [0.5, 0.5], verdict: 'improved', exact: true });
    expect(runner.order.slice(0, 6)).toEqual(['base', 'pruned', 'pruned', 'base', 'base', 'pruned']);
    expect(r.stopReason).toMatch(/reached the target ±2% after 6 rounds/);
  });

  it('stops when the budget is spent, and says the interval is not exact with too few rounds', async () => {
    const runner = scripted((role, i) => (role === 'base' ? 10 : 10 * (i % 2 ? 1.3 : 0.7)));
    const r = await runRounds({
      ...runner,
      meters: [],
      options: { ...options, minRounds: 2, durationS: 0.001 },
      logger: memoryLogger(),
      clock: steppingClock(1_000_000n),
    });
    expect(r.rounds).toBe(2);
    expect(r.stoppedBy).toBe('duration');
    expect(r.delta.exact).toBe(false);
    expect(r.delta.verdict).toBe('no-significant-change');
    expect(r.stopReason).toMatch(
      /time budget of 0.001 s spent after 2 rounds; .*too few rounds for 0.95 confidence/,
    );
  });

  it('stops only after an even number of rounds (whole ABBA blocks), preparing each window off the meters', async () => {
    const runner = scripted((role) => (role === 'base' ? 10 : 5));
    const events: string[] = [];
    const meter: PowerMeter = {
      id: 'm',
      method: 'measured',
      probe: async () => ({ available: true, domains: [] }),
      start: async () => {
        events.push('start');
      },
      stop: async () => {
        events.push('stop');
        return { energyJ: {}, durationS: 0, samples: 0, method: 'measured', meterId: 'm' };
      },
      close: async () => {},
    };
    const r = await runRounds({
      ...runner,
      prepareWindow: async (role) => void events.push(`prepare ${role}`),
      afterWindow: async (role) => void events.push(`after ${role}`),
      meters: [meter],
      options: { ...options, minRounds: 7 },
      logger: memoryLogger(),
      clock: steppingClock(1_000_000n),
    });
    expect(r.rounds).toBe(8);
    const first = (role: Role) => runner.order.filter((x, i) => i % 2 === 0 && x === role).length;
    expect(first('base')).toBe(first('pruned'));
    expect(events.slice(0, 8)).toEqual([
      'prepare base',
      'start',
      'stop',
      'after base',
      'prepare pruned',
      'start',
      'stop',
      'after pruned',
    ]);
  });

  it('a noisy but real regression is found with the right sign', async () => {
    const runner = scripted((role, i) => (role === 'base' ? 10 : 12) * (1 + 0.01 * Math.sin(i * 7)));
    const r = await runRounds({
      ...runner,
      meters: [],
      options,
      logger: memoryLogger(),
      clock: steppingClock(1_000_000n),
    });
    expect(r.delta.verdict).toBe('regressed');
    expect(r.delta.ci[0]).toBeGreaterThan(1.1);
  });

  it('feeds report rows', async () => {
    const runner = scripted((role) => (role === 'base' ? 4 : 3));
    const outcome = await runRounds({
      ...runner,
      meters: [],
      options,
      logger: memoryLogger(),
      clock: steppingClock(1_000_000n),
    });
    const result = assembleResult({
      mode: 'onnx',
      outcome,
      executionProvider: 'cpu',
      requestedExecutionProvider: 'cpu',
      batchSize: 2,
      warmupIterations: 10,
      confidence: 0.95,
      freshSessions: false,
      idle: null,
      peakRss: { base: 1, pruned: 2 },
      inputSources: {},
      warnings: [],
    });
    expect(benchmarkInfo(result)).toMatchObject({
      rounds: 6,
      iterationsPerModel: { base: 12, pruned: 12 },
      batchSize: 2,
    });
    expect(latencyDeltaEntry(result)).toMatchObject({
      ratio: 0.75,
      change: -0.25,
      base: 4,
      pruned: 3,
      verdict: 'improved',
      lowerIsBetter: true,
    });
    expect(result.base.throughputPerS).toBeGreaterThan(0);
    expect(result.pruned.peakRssIncreaseBytes).toBe(2);
  });
});
