import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import type { EnergyReading, PowerMeter } from '../../src/power/types.js';
import { loadOrt, type OrtModule } from '../../src/runtime/ort.js';
import { runComparison } from '../../src/workload/benchmark.js';
import { readWorkloadOptions, type WorkloadOptions } from '../../src/workload/inputs.js';
import { buildMlp, tempDir, writeModel } from './models.js';

let ort: OrtModule;
let dir = '';
let small = '';
let copy = '';
let wide = '';
const spec = (width: number) => [
  { name: 'input', dtype: 'float32', shape: ['batch', width] as (number | string)[] },
];
const fast = {
  'min-window-s': 0.01,
  duration: 0.5,
  'idle-duration-s': 0,
  'intra-op-threads': 1,
  'warmup-max-iterations': 40,
};

/** BASE vs PRUNED on the 256-wide MLP specs at batch 1, no meters, no memory probes. */
const comparePair = (
  basePath: string,
  prunedPath: string,
  options: WorkloadOptions,
  logger = memoryLogger(),
) =>
  runComparison({
    ort,
    base: { path: basePath, inputs: spec(256) },
    pruned: { path: prunedPath, inputs: spec(256) },
    inputShapes: {},
    batchSize: 1,
    options,
    meters: [],
    logger,
    memoryRepeats: 0,
  });

beforeAll(async () => {
  ort = await loadOrt();
  ort.env.logLevel = 'fatal'; // the cuda probe's native log lines would clutter the output
  dir = tempDir();
  small = writeModel(dir, 'small.onnx', buildMlp({ widths: [256, 256, 256, 10] }));
  copy = join(dir, 'copy.onnx');
  copyFileSync(small, copy);
  wide = writeModel(dir, 'wide.onnx', buildMlp({ widths: [256, 1024, 1024, 10] }));
});

/** A scripted meter: each reading carries its window's sequence number in `extra.notes`. */
function sequenceMeter(): PowerMeter & { calls: string[] } {
  let seq = 0;
  const calls: string[] = [];
  return {
    id: 'scripted',
    method: 'measured',
    calls,
    probe: async () => ({ available: true, domains: ['cpu:package-0'] }),
    start: async () => void calls.push('start'),
    stop: async (): Promise<EnergyReading> => {
      calls.push('stop');
      return {
        energyJ: { 'cpu:package-0': 1 },
        durationS: 0.01,
        samples: 1,
        method: 'measured',
        meterId: 'scripted',
        extra: { notes: [String(seq++)] },
      };
    },
    close: async () => {},
  };
}

describe('runComparison (real onnxruntime-node)', () => {
  it('null test: BASE vs an identical copy gives no significant change in ≥ 19 of 20 runs', async () => {
    // 99%: at 95% one run in twenty is *expected* to exclude 1.0, so "19 of 20" would fail a
    // perfectly calibrated interval about a quarter of the time.
    const options = readWorkloadOptions({
      ...fast,
      'min-rounds': 10,
      'fresh-sessions': 'always',
      confidence: 0.99,
    });
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await comparePair(small, copy, options);
      const contains = r.delta.ci[0] <= 1 && 1 <= r.delta.ci[1];
      expect(contains).toBe(r.delta.verdict === 'no-significant-change');
      outcomes.push(
        `${r.delta.ratio.toFixed(4)} [${r.delta.ci.map((x) => x.toFixed(4)).join(', ')}] ${r.delta.verdict}`,
      );
    }
    const passes = outcomes.filter((o) => o.endsWith('no-significant-change')).length;
    expect(passes, outcomes.join('\n')).toBeGreaterThanOrEqual(19);
  });

  it('detects a real slowdown (4× the MACs) with the right sign', async () => {
    const options = readWorkloadOptions({ ...fast, 'min-rounds': 6 });
    const slower = await comparePair(small, wide, options);
    expect(slower.delta.verdict).toBe('regressed');
    expect(slower.delta.ratio).toBeGreaterThan(1.5);
    const faster = await comparePair(wide, small, options);
    expect(faster.delta.verdict).toBe('improved');
    expect(faster.delta.ci[1]).toBeLessThan(1);
  });

  // The reference models sit beside the repository (../shared), as in CI.
  const squeezenet = join(import.meta.dirname, '../../../shared/fixtures/real-models/squeezenet1_1');
  if (!existsSync(squeezenet))
    console.warn(`skipping the squeezenet speed-up test: ${squeezenet} is missing`);
  it.skipIf(!existsSync(squeezenet))(
    'detects the structured squeezenet speed-up (skipped when ../shared/fixtures is missing)',
    async () => {
      const options = readWorkloadOptions({
        ...fast,
        'min-window-s': 0.05,
        duration: 1,
        'warmup-max-iterations': 20,
      });
      const specs = [
        { name: 'input', dtype: 'float32', shape: ['batch', 3, 224, 224] as (number | string)[] },
      ];
      const r = await runComparison({
        ort,
        base: { path: join(squeezenet, 'base.onnx'), inputs: specs },
        pruned: { path: join(squeezenet, 'structured.onnx'), inputs: specs },
        inputShapes: {},
        batchSize: 1,
        options,
        meters: [],
        logger: memoryLogger(),
        memoryRepeats: 0,
      });
      expect(r.delta.verdict).toBe('improved');
      expect(r.delta.ratio).toBeLessThan(0.7);
    },
  );

  it('interleaves metered windows BASE/PRUNED, PRUNED/BASE after an idle window, and reports figures', async () => {
    const meter = sequenceMeter();
    const options = readWorkloadOptions({
      ...fast,
      'idle-duration-s': 0.02,
      'min-rounds': 4,
      duration: 0.01,
      'batch-sizes': ['4'],
    });
    const r = await runComparison({
      ort,
      base: { path: small, inputs: spec(256) },
      pruned: { path: wide, inputs: spec(256) },
      inputShapes: {},
      batchSize: 4,
      options,
      meters: [meter],
      logger: memoryLogger(),
    });
    expect(r.rounds).toBe(4);
    expect(r.stoppedBy).toBe('duration');
    expect(r.stopReason).toMatch(/time budget of 0.01 s spent after 4 rounds/);
    expect(r.idle).toMatchObject({ role: 'idle', inferences: 0 });
    expect(r.idle?.readings[0].extra?.notes).toEqual(['0']);
    const seqs = (role: 'base' | 'pruned') =>
      r[role].windows.map((w) => Number(w.readings[0].extra?.notes?.[0]));
    expect(seqs('base')).toEqual([1, 4, 5, 8]);
    expect(seqs('pruned')).toEqual([2, 3, 6, 7]);
    expect(meter.calls.join(',')).toBe(Array(9).fill('start,stop').join(','));
    for (const role of ['base', 'pruned'] as const) {
      const x = r[role];
      expect(x.windows.every((w) => w.durationS >= 0.01 && w.inferences === 4 * (w.inferences / 4))).toBe(
        true,
      );
      expect(x.iterations).toBe(x.latencyMs.length);
      expect(x.windows.reduce((s, w) => s + w.inferences, 0)).toBe(4 * x.iterations);
      expect(x.throughputPerS).toBeGreaterThan(0);
      expect(x.peakRssIncreaseBytes).toBeGreaterThanOrEqual(0);
      expect(x.windowStatMs).toHaveLength(4);
    }
    // PRUNED (wide) holds 5 MB more weights than BASE (small): far above the 0.5 MiB resolution.
    expect(r.pruned.peakRssIncreaseBytes! - r.base.peakRssIncreaseBytes!).toBeGreaterThan(3e6);
    expect(r.executionProvider).toBe('cpu');
    expect(r.batchSize).toBe(4);
    expect(r.warmupIterations).toBeGreaterThanOrEqual(20);
    expect(r.inputSources).toEqual({ input: 'synthesized' });
  });

  it.each([
    {
      what: 'unknown provider',
      provider: 'foo',
      fallback: false,
      message:
        /^execution-provider: "foo" is not an execution provider of this onnxruntime-node build; valid: cpu, .*cuda/,
    },
    {
      what: 'provider not available here',
      provider: 'cuda',
      fallback: false,
      message:
        /^execution-provider: execution provider "cuda" is not available here .*allow-provider-fallback/,
    },
  ])('$what → UserError', async ({ provider, message }) => {
    const options = readWorkloadOptions({ ...fast, 'execution-provider': provider });
    const error = await comparePair(small, copy, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
  });

  it('allowed fallback runs on cpu, warns, and says so', async () => {
    const cudaHere = await ort.InferenceSession.create(small, { executionProviders: ['cuda'] }).then(
      () => true,
      () => false,
    );
    if (cudaHere) return; // a CUDA machine: nothing to fall back from
    const logger = memoryLogger();
    const options = readWorkloadOptions({
      ...fast,
      'execution-provider': 'cuda',
      'allow-provider-fallback': true,
      'min-rounds': 2,
      duration: 0.01,
    });
    const r = await comparePair(small, copy, options, logger);
    expect(r.executionProvider).toBe('cpu');
    expect(r.requestedExecutionProvider).toBe('cuda');
    expect(r.warnings.join()).toMatch(/cuda was unavailable; ran on cpu/);
    expect(logger.lines.some((l) => l.level === 'warn' && /allow-provider-fallback/.test(l.message))).toBe(
      true,
    );
  });

  it('feeds synthesized int64 token ids within int-range to a real session', async () => {
    const ids = writeModel(dir, 'ids.onnx', buildMlp({ widths: [16, 32, 4], inputDtype: 'int64' }));
    const inputs = [{ name: 'input', dtype: 'int64', shape: ['batch', 16] as (number | string)[] }];
    const options = readWorkloadOptions({ ...fast, 'int-range': '0,30522', 'min-rounds': 2, duration: 0.01 });
    const r = await runComparison({
      ort,
      base: { path: ids, inputs },
      pruned: { path: ids, inputs },
      inputShapes: {},
      batchSize: 2,
      options,
      meters: [],
      logger: memoryLogger(),
      memoryRepeats: 0,
    });
    expect(r.rounds).toBe(2);
    expect(r.base.iterations).toBeGreaterThan(0);
  });

  it('mismatched inputs fail before any session opens', async () => {
    const error = await runComparison({
      ort,
      base: { path: small, inputs: spec(256) },
      pruned: { path: copy, inputs: spec(128) },
      inputShapes: {},
      batchSize: 1,
      options: readWorkloadOptions(fast),
      meters: [],
      logger: memoryLogger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /BASE: {3}input float32 \[batch,256\]\n {2}PRUNED: input float32 \[batch,128\]/,
    );
  });
});
