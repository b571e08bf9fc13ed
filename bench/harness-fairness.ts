/**
 * Harness fairness diagnostics: `npx tsx bench/harness-fairness.ts [--model examples/base.onnx]
 * [--pruned PATH] [--runs 3] [--duration 5]`.
 *
 * Runs BASE against a byte-identical copy of itself (or against --pruned) with the CLI defaults
 * and prints, per role and per position in the round (first / second window), the window mean,
 * p99 and the mean of each window's first iterations, plus throughput and the peak-memory figures.
 * A fair harness shows the same numbers for both roles of an identical pair.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { memoryLogger } from '../src/log.js';
import { analyzeModel } from '../src/model/analyze.js';
import { EstimateMeter, processCpuTimeS } from '../src/power/estimate.js';
import { loadOrt } from '../src/runtime/ort.js';
import { medianCI } from '../src/stats/median-ci.js';
import { runComparison } from '../src/workload/benchmark.js';
import { readWorkloadOptions } from '../src/workload/inputs.js';
import type { BenchmarkResult, Role } from '../src/workload/types.js';
import { tempDir } from '../test/workload/models.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'examples/base.onnx' },
    pruned: { type: 'string' },
    runs: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
  },
});
const basePath = values.model!;
const prunedPath = values.pruned ?? join(tempDir('carbon-delta-fair-'), 'copy.onnx');
if (!values.pruned) copyFileSync(basePath, prunedPath);
const ort = await loadOrt();
const inputs = (await analyzeModel(basePath)).model.inputs;
const prunedInputs = (await analyzeModel(prunedPath)).model.inputs;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f = (x: number) => x.toFixed(3);

/** Splits a role's latency samples back into its windows and tags each with its round position. */
function perWindow(r: BenchmarkResult, role: Role) {
  const out: { position: 0 | 1; latencyMs: number[]; durationS: number }[] = [];
  let at = 0;
  r[role].windows.forEach((w, round) => {
    const n = w.inferences / r.batchSize;
    const first: Role = round % 2 === 0 ? 'base' : 'pruned';
    out.push({
      position: role === first ? 0 : 1,
      latencyMs: r[role].latencyMs.slice(at, at + n),
      durationS: w.durationS,
    });
    at += n;
  });
  return out;
}

const options = readWorkloadOptions({ duration: Number(values.duration), 'idle-duration-s': 0 });
for (let run = 0; run < Number(values.runs); run++) {
  const r = await runComparison({
    ort,
    base: { path: basePath, inputs },
    pruned: { path: prunedPath, inputs: prunedInputs },
    inputShapes: {},
    batchSize: 1,
    options,
    meters: [
      new EstimateMeter({
        cpu: true,
        dram: true,
        tdp: { tdpW: 85, source: 'bench' },
        logicalCores: 2,
        totalMemoryBytes: 16 * 2 ** 30,
        ramWPerGb: 0.375,
        cpuTime: processCpuTimeS,
      }),
    ],
    logger: memoryLogger(),
  });
  const pairedRatio = (perWindow: (w: BenchmarkResult['base']['windows'][number]) => number) => {
    const m = medianCI(
      r.base.windows.map((w, i) => perWindow(r.pruned.windows[i]) / perWindow(w)),
      r.confidence,
    );
    return `${f(m.median)} [${m.ci.map(f).join(', ')}]`;
  };
  const joules = (w: BenchmarkResult['base']['windows'][number]) =>
    Object.values(w.readings[0].energyJ).reduce((a, b) => a + b, 0) / w.inferences;
  console.log(
    `run ${run}: ${r.rounds} rounds, fresh=${r.freshSessions}, latency ratio ${f(r.delta.ratio)} [${r.delta.ci.map(f).join(', ')}], ` +
      `throughput ratio Σ ${f(r.pruned.throughputPerS / r.base.throughputPerS)}, paired ${pairedRatio((w) => w.inferences / w.durationS)}, ` +
      `energy/inference paired ${pairedRatio(joules)}`,
  );
  for (const role of ['base', 'pruned'] as const) {
    const all = r[role].latencyMs;
    const mem = r[role].peakRssIncreaseBytes;
    console.log(
      `  ${role.padEnd(6)} p50 ${f(quantile(all, 0.5))} p99 ${f(quantile(all, 0.99))} max ${f(Math.max(...all))} ms, ` +
        `${f(r[role].throughputPerS)}/s, peak RSS +${mem === null ? '-' : (mem / 2 ** 20).toFixed(1)} MiB`,
    );
    for (const position of [0, 1] as const) {
      const ws = perWindow(r, role).filter((w) => w.position === position);
      if (ws.length === 0) continue;
      const lat = ws.flatMap((w) => w.latencyMs);
      const first5 = ws.flatMap((w) => w.latencyMs.slice(0, 5));
      const rest = ws.flatMap((w) => w.latencyMs.slice(5));
      console.log(
        `    ${position === 0 ? 'first ' : 'second'} in round: ${ws.length} windows, mean ${f(mean(lat))} p99 ${f(quantile(lat, 0.99))} ms; ` +
          `first 5 iterations mean ${f(mean(first5))}, rest ${f(mean(rest))}; per-window mean ${ws.map((w) => f(mean(w.latencyMs))).join(' ')}`,
      );
    }
  }
}
