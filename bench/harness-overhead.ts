/**
 * Harness overhead: `npx tsx bench/harness-overhead.ts [--trials 20] [--trial-s 0.3]`.
 *
 * On one ~1 ms model (an MLP 512-2048-2048-512, one thread) and ONE session, alternates trials of
 * a bare loop (`await session.run(feeds)` N times, timed as a whole) with the harness's hot loop
 * (`timeWindow`: per-run hrtime read and latency sample), and prints the median per-inference
 * time of each and the overhead. Goal: ≤ 2%. Then runs the full `runComparison` on the same model
 * pair (BASE vs itself) to show the per-inference time of complete rounds.
 */
import { parseArgs } from 'node:util';
import { memoryLogger } from '../src/log.js';
import { loadOrt } from '../src/runtime/ort.js';
import { median } from '../src/stats/summary.js';
import { runComparison, timeWindow } from '../src/workload/benchmark.js';
import { readWorkloadOptions } from '../src/workload/inputs.js';
import { synthesizeTensor } from '../src/workload/synthesize.js';
import { buildMlp, tempDir, writeModel } from '../test/workload/models.js';

const { values } = parseArgs({
  options: { trials: { type: 'string', default: '20' }, 'trial-s': { type: 'string', default: '0.3' } },
});
const trials = Number(values.trials);
const trialS = Number(values['trial-s']);
const ort = await loadOrt();
const widths = [512, 2048, 2048, 512];
const path = writeModel(tempDir('carbon-delta-bench-'), 'mlp.onnx', buildMlp({ widths }));
const session = await ort.InferenceSession.create(path, { intraOpNumThreads: 1 });
const host = synthesizeTensor(
  { name: 'input', dtype: 'float32', shape: ['batch', widths[0]] },
  [1, widths[0]],
  1,
  [0, 1],
);
const feeds = { input: new ort.Tensor('float32', host.data as Float32Array, host.dims) };
for (let i = 0; i < 200; i++) await session.run(feeds);

// Iterations of the bare loop per trial, sized from a first estimate.
const estimate = median(await timeWindow(session, feeds, 200_000_000n));
const bareIterations = Math.max(10, Math.round((trialS * 1000) / estimate));
const bare: number[] = [];
const harness: number[] = [];
for (let t = 0; t < trials; t++) {
  const order = t % 2 === 0 ? ['bare', 'harness'] : ['harness', 'bare'];
  for (const kind of order) {
    if (kind === 'bare') {
      const start = process.hrtime.bigint();
      for (let i = 0; i < bareIterations; i++) await session.run(feeds);
      bare.push(Number(process.hrtime.bigint() - start) / 1e6 / bareIterations);
    } else {
      const start = process.hrtime.bigint();
      const samples = await timeWindow(session, feeds, BigInt(Math.round(trialS * 1e9)));
      harness.push(Number(process.hrtime.bigint() - start) / 1e6 / samples.length);
    }
  }
}
await session.release();
const bareMs = median(bare);
const harnessMs = median(harness);
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(4)).join(' ');
console.log(`model: MLP ${widths.join('-')}, 1 thread, ${trials} alternating trials of ${trialS} s`);
console.log(`bare session.run loop : median ${bareMs.toFixed(4)} ms/inference   [${fmt(bare)}]`);
console.log(`harness hot loop      : median ${harnessMs.toFixed(4)} ms/inference   [${fmt(harness)}]`);
const pairOverhead = median(harness.map((h, i) => h / bare[i] - 1));
console.log(
  `overhead              : ${(100 * (harnessMs / bareMs - 1)).toFixed(2)}% (ratio of medians), ${(100 * pairOverhead).toFixed(2)}% (median of per-trial pairs); goal ≤ 2%`,
);

const options = readWorkloadOptions({
  'idle-duration-s': 0,
  'intra-op-threads': 1,
  duration: 4,
  'min-rounds': 6,
});
const spec = [{ name: 'input', dtype: 'float32', shape: ['batch', widths[0]] as (number | string)[] }];
const r = await runComparison({
  ort,
  base: { path, inputs: spec },
  pruned: { path, inputs: spec },
  inputShapes: {},
  batchSize: 1,
  options,
  meters: [],
  logger: memoryLogger(),
});
const perInference = (role: 'base' | 'pruned') =>
  (1000 * r[role].windows.reduce((s, w) => s + w.durationS, 0)) / r[role].iterations;
console.log(
  `full runComparison    : ${perInference('base').toFixed(4)} / ${perInference('pruned').toFixed(4)} ms per inference in the windows (BASE / itself), ` +
    `${r.rounds} rounds, ratio ${r.delta.ratio.toFixed(4)} [${r.delta.ci.map((x) => x.toFixed(4)).join(', ')}] ${r.delta.verdict}; ${r.stopReason}`,
);
