/**
 * Fairness: BASE against a byte-identical copy of itself must show no difference in any measured
 * figure — latency (see benchmark.test.ts), throughput, energy with the real CPU-time estimate
 * meter, tail latency and peak memory.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/log.js';
import { EstimateMeter, processCpuTimeS } from '../../src/power/estimate.js';
import { loadOrt, type OrtModule } from '../../src/runtime/ort.js';
import { medianCI } from '../../src/stats/median-ci.js';
import { runComparison } from '../../src/workload/benchmark.js';
import { readWorkloadOptions } from '../../src/workload/inputs.js';
import { defaultOrtUrl, measurePeakMemory } from '../../src/workload/memory.js';
import { synthesizeTensor } from '../../src/workload/synthesize.js';
import type { BenchmarkResult } from '../../src/workload/types.js';
import { buildMlp, tempDir, writeModel } from './models.js';

let ort: OrtModule;
let small = '';
let smallCopy = '';
let wide = '';
let wideCopy = '';
const spec = [{ name: 'input', dtype: 'float32', shape: ['batch', 256] as (number | string)[] }];

beforeAll(async () => {
  ort = await loadOrt();
  const dir = tempDir();
  small = writeModel(dir, 'small.onnx', buildMlp({ widths: [256, 256, 256, 10] }));
  smallCopy = join(dir, 'small-copy.onnx');
  copyFileSync(small, smallCopy);
  wide = writeModel(dir, 'wide.onnx', buildMlp({ widths: [256, 1024, 1024, 10] }));
  wideCopy = join(dir, 'wide-copy.onnx');
  copyFileSync(wide, wideCopy);
});

/** The report's paired method: median over rounds of PRUNED/BASE per-window figures, with its interval. */
function paired(r: BenchmarkResult, perWindow: (w: BenchmarkResult['base']['windows'][number]) => number) {
  const ratios = r.base.windows.map((w, i) => perWindow(r.pruned.windows[i]) / perWindow(w));
  return medianCI(ratios, r.confidence);
}
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(0.99 * xs.length)];
const contains = (ci: readonly [number, number]) => ci[0] <= 1 && 1 <= ci[1];

describe('fairness: BASE vs an identical copy (real onnxruntime-node, real CPU-time estimate meter)', () => {
  it('throughput and energy intervals contain 1, tails agree, in ≥ 3 of 4 runs', async () => {
    const options = readWorkloadOptions({
      'min-window-s': 0.02,
      duration: 0.4,
      'min-rounds': 10,
      'idle-duration-s': 0,
      'intra-op-threads': 1,
      'warmup-max-iterations': 40,
      'fresh-sessions': 'always',
      confidence: 0.99,
    });
    const lines: string[] = [];
    let fair = 0;
    for (let run = 0; run < 4; run++) {
      const meter = new EstimateMeter({
        cpu: true,
        dram: true,
        tdp: { tdpW: 100, source: 'test' },
        logicalCores: 2,
        totalMemoryBytes: 16 * 2 ** 30,
        ramWPerGb: 0.375,
        cpuTime: processCpuTimeS,
      });
      const r = await runComparison({
        ort,
        base: { path: small, inputs: spec },
        pruned: { path: smallCopy, inputs: spec },
        inputShapes: {},
        batchSize: 1,
        options,
        meters: [meter],
        logger: memoryLogger(),
        memoryRepeats: 0,
      });
      expect(r.rounds % 2).toBe(0);
      const throughput = paired(r, (w) => w.inferences / w.durationS);
      const energy = paired(
        r,
        (w) => Object.values(w.readings[0].energyJ).reduce((a, b) => a + b, 0) / w.inferences,
      );
      const tails = p99(r.pruned.latencyMs) / p99(r.base.latencyMs);
      const near = (x: number) => Math.abs(x - 1) <= 0.05;
      const ok =
        contains(throughput.ci) &&
        contains(energy.ci) &&
        near(throughput.median) &&
        near(energy.median) &&
        tails > 1 / 3 &&
        tails < 3;
      if (ok) fair++;
      const f = (x: number) => x.toFixed(3);
      lines.push(
        `run ${run}: ${r.rounds} rounds; throughput ${f(throughput.median)} [${throughput.ci.map(f).join(', ')}], ` +
          `energy ${f(energy.median)} [${energy.ci.map(f).join(', ')}], p99 ${f(p99(r.base.latencyMs))} / ${f(p99(r.pruned.latencyMs))} ms`,
      );
    }
    expect(fair, lines.join('\n')).toBeGreaterThanOrEqual(3);
  });

  it('peak memory of identical models agrees within 25% through runComparison; a 4× larger model measures more', async () => {
    // A parent far bigger than any child: on Linux a child's maxRSS would start at the parent's size.
    const ballast = Buffer.alloc(300e6, 1);
    const options = readWorkloadOptions({
      'min-window-s': 0.01,
      duration: 0.01,
      'min-rounds': 2,
      'idle-duration-s': 0,
      'intra-op-threads': 1,
      'warmup-max-iterations': 10,
    });
    const r = await runComparison({
      ort,
      base: { path: wide, inputs: spec },
      pruned: { path: wideCopy, inputs: spec },
      inputShapes: {},
      batchSize: 1,
      options,
      meters: [],
      logger: memoryLogger(),
    });
    const [base, pruned] = [r.base.peakRssIncreaseBytes!, r.pruned.peakRssIncreaseBytes!];
    // The wide model holds 1.3 M float weights (5.3 MB); its figure must show them.
    expect(base).toBeGreaterThan(4e6);
    expect(
      Math.abs(base - pruned) / Math.max(base, pruned),
      `${base} vs ${pruned} bytes`,
    ).toBeLessThanOrEqual(0.25);
    const ortUrl = defaultOrtUrl();
    expect(ortUrl).not.toBeNull();
    const input = synthesizeTensor(spec[0], [1, 256], 1, [0, 1]);
    const feeds = { base: { input }, pruned: { input } };
    const settings = { intraOpThreads: 1, graphOptimizationLevel: 'all' as const };
    const differ = await measurePeakMemory({
      ortUrl: ortUrl!,
      models: { base: wide, pruned: small },
      feeds,
      settings,
      repeats: 1,
    });
    expect(differ.pruned).toBeLessThan(differ.base - 3e6);
    expect(ballast[0]).toBe(1);
  });
});
