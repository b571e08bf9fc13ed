/**
 * Command mode: run a user command per model instead of onnxruntime (PyTorch, TensorRT, vLLM...),
 * in the same interleaved, metered rounds. Arguments are passed as an array (no shell). A
 * command may write per-run metrics as JSON to the path in `CARBON_DELTA_METRICS_FILE`:
 * `{ "items": N, "latencyMs": [...] }` (items = inferences done in the run, for energy per item;
 * latencyMs = its own per-item or per-batch latencies). Without it a run counts as one item and
 * its wall time as one latency sample.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { UserError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { PowerMeter } from '../power/types.js';
import { median } from '../stats/summary.js';
import type { WorkloadOptions } from './inputs.js';
import { assembleResult } from './result.js';
import { idleWindow, runRounds, type WindowOutcome } from './rounds.js';
import type { BenchmarkResult, Role } from './types.js';

/** The environment variable holding the path a command may write its metrics JSON to. */
export const METRICS_FILE_ENV = 'CARBON_DELTA_METRICS_FILE';

/** Runs one command: the subset of execa's result used here. */
export type CommandExec = (
  file: string,
  args: string[],
  options: {
    cwd: string;
    env: Record<string, string>;
    reject: false;
    stdin: 'ignore';
    stdout: 'ignore';
    stderr: 'pipe';
  },
) => Promise<{
  exitCode?: number;
  failed: boolean;
  stderr?: unknown;
  signal?: string;
  message?: string;
  code?: string;
}>;

export interface CommandComparisonRequest {
  /** Default: `options.baseCommand`. */
  base?: { command: string[] };
  /** Default: `options.prunedCommand`. */
  pruned?: { command: string[] };
  options: WorkloadOptions;
  meters: PowerMeter[];
  logger: Logger;
  clock?: () => bigint;
  cwd?: string;
  /** Default: execa. */
  exec?: CommandExec;
  /** Reported batch size (the command decides what it runs), default 1. */
  batchSize?: number;
}

/** Run the command comparison; a failing command is a UserError with its stderr tail. */
export async function runCommandComparison(req: CommandComparisonRequest): Promise<BenchmarkResult> {
  const { options, meters, logger } = req;
  const clock = req.clock ?? process.hrtime.bigint;
  const cwd = req.cwd ?? process.cwd();
  const exec = req.exec ?? (execa as unknown as CommandExec);
  const commands: Record<Role, string[] | null | undefined> = {
    base: req.base?.command ?? options.baseCommand,
    pruned: req.pruned?.command ?? options.prunedCommand,
  };
  for (const role of ['base', 'pruned'] as const) {
    if (!commands[role]?.length)
      throw new UserError('command mode needs a command for both models', { input: `${role}-command` });
  }
  const scratch = await mkdtemp(join(tmpdir(), 'carbon-delta-cmd-'));
  const metricsFile = options.commandMetricsFile
    ? resolve(cwd, options.commandMetricsFile)
    : join(scratch, 'metrics.json');
  const iterations: Record<Role, number> = { base: 0, pruned: 0 };
  const runOnce = async (role: Role): Promise<WindowOutcome> => {
    const [file, ...args] = commands[role]!;
    await rm(metricsFile, { force: true });
    const start = clock();
    const result = await exec(file, args, {
      cwd,
      env: { [METRICS_FILE_ENV]: metricsFile, CARBON_DELTA_ROLE: role },
      reject: false,
      stdin: 'ignore',
      stdout: 'ignore',
      stderr: 'pipe',
    });
    const wallMs = Number(clock() - start) / 1e6;
    if (result.failed || result.exitCode !== 0) {
      const tail = String(result.stderr ?? '')
        .trim()
        .split('\n')
        .slice(-15)
        .join('\n')
        .slice(-2000);
      const how =
        result.code === 'ENOENT'
          ? `not found (${file}; check PATH)`
          : result.signal
            ? `killed by ${result.signal}`
            : `exited with ${result.exitCode}`;
      throw new UserError(
        `${JSON.stringify(commands[role])} ${how}${tail ? `; stderr ends:\n${tail}` : ''}`,
        { input: `${role}-command` },
      );
    }
    iterations[role]++;
    const metrics = await readMetrics(metricsFile, role);
    if (!metrics) return { latencyMs: [wallMs], inferences: 1, statMs: wallMs };
    const latencyMs = metrics.latencyMs ?? [wallMs / metrics.items];
    return {
      latencyMs,
      inferences: metrics.items,
      statMs: metrics.latencyMs ? median(metrics.latencyMs) : wallMs / metrics.items,
    };
  };
  try {
    const idle =
      options.idleDurationS > 0 && meters.length > 0
        ? await idleWindow(meters, options.idleDurationS, clock)
        : null;
    // One unmeasured run each (caches, JIT, model load paths) unless warm-up is off.
    const warmupIterations = options.warmupMaxIterations > 0 ? 1 : 0;
    for (let i = 0; i < warmupIterations; i++)
      for (const role of ['base', 'pruned'] as const) await runOnce(role);
    iterations.base = iterations.pruned = 0;
    const outcome = await runRounds({ meters, options, logger, clock, runWindow: runOnce });
    return assembleResult({
      mode: 'command',
      outcome,
      executionProvider: 'command',
      requestedExecutionProvider: options.executionProvider,
      batchSize: req.batchSize ?? 1,
      warmupIterations,
      confidence: options.confidence,
      freshSessions: false,
      idle,
      peakRss: null,
      iterations,
      inputSources: {},
      warnings: [],
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The run's metrics JSON, or null when the command wrote none. */
async function readMetrics(
  path: string,
  role: Role,
): Promise<{ items: number; latencyMs?: number[] } | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  const bad = (why: string) =>
    new UserError(
      `the ${role} command wrote ${path}, but ${why}; expected {"items": N, "latencyMs": [...]}`,
      { input: 'command-metrics-file' },
    );
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw bad(`it is not JSON (${errorMessage(error)})`);
  }
  const { items, latencyMs } = (doc ?? {}) as { items?: unknown; latencyMs?: unknown };
  if (typeof items !== 'number' || !(items > 0))
    throw bad(`"items" is ${JSON.stringify(items)}, not a positive number`);
  if (latencyMs === undefined) return { items };
  if (
    !Array.isArray(latencyMs) ||
    latencyMs.length === 0 ||
    !latencyMs.every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x))
  ) {
    throw bad('"latencyMs" is not a non-empty array of non-negative numbers');
  }
  return { items, latencyMs };
}
