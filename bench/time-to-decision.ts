/**
 * Time to decision: `npx tsx bench/time-to-decision.ts [--duration 60] [--threads 1] [--pairs mlp,squeezenet1_1]`.
 *
 * For each example pair (BASE vs structured PRUNED; from examples/ when present, else the shared
 * real-model fixtures), runs `runComparison` with the default rounds (0.2 s windows, ±2% target,
 * 95% confidence) and prints the seconds until the interval reached ±2% (or why it stopped),
 * split into setup (sessions, warm-up) and rounds.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { memoryLogger } from '../src/log.js';
import { loadOrt } from '../src/runtime/ort.js';
import { runComparison } from '../src/workload/benchmark.js';
import { readWorkloadOptions } from '../src/workload/inputs.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    threads: { type: 'string', default: '1' },
    pairs: { type: 'string', default: 'examples,mlp,squeezenet1_1' },
  },
});
// The real-model fixtures sit beside the repository (../shared), as in CI.
const fixtures = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'real-models');
const inputShape: Record<string, (number | string)[]> = {
  mlp: ['batch', 784],
  squeezenet1_1: ['batch', 3, 224, 224],
  examples: ['batch', 1, 32, 32],
};
/** The bundled example pair has its own file names. */
const pairFiles = (family: string) =>
  family === 'examples'
    ? { dir: 'examples', base: 'base.onnx', pruned: 'pruned-structured.onnx' }
    : {
        dir: [join('examples', family), join(fixtures, family)].find((d) => existsSync(join(d, 'base.onnx'))),
        base: 'base.onnx',
        pruned: 'structured.onnx',
      };
const ort = await loadOrt();
const options = readWorkloadOptions({
  duration: Number(values.duration),
  'intra-op-threads': Number(values.threads),
  'idle-duration-s': 0,
});
console.log(
  `target ±${options.targetCiPct}% at ${options.confidence}, windows ≥ ${options.minWindowS} s, budget ${options.durationS} s, ${values.threads} thread(s)`,
);
for (const family of values.pairs.split(',')) {
  const { dir, base, pruned } = pairFiles(family);
  if (!dir) {
    console.log(`${family}: skipped (no ${family}/base.onnx in examples/ or ${fixtures})`);
    continue;
  }
  const inputs = [{ name: 'input', dtype: 'float32', shape: inputShape[family] ?? ['batch'] }];
  const start = process.hrtime.bigint();
  const r = await runComparison({
    ort,
    base: { path: join(dir, base), inputs },
    pruned: { path: join(dir, pruned), inputs },
    inputShapes: {},
    batchSize: 1,
    options,
    meters: [],
    logger: memoryLogger(),
  });
  const totalS = Number(process.hrtime.bigint() - start) / 1e9;
  const p50 = (role: 'base' | 'pruned') =>
    [...r[role].latencyMs].sort((a, b) => a - b)[r[role].latencyMs.length >> 1].toFixed(3);
  console.log(
    `${family} (${dir}): decision in ${totalS.toFixed(1)} s total (${(totalS - r.durationS).toFixed(1)} s setup + ${r.durationS.toFixed(1)} s rounds); ` +
      `${r.stoppedBy === 'target-ci' ? 'reached target' : 'budget spent'}: ${r.stopReason}. ` +
      `p50 ${p50('base')} → ${p50('pruned')} ms, ratio ${r.delta.ratio.toFixed(3)} [${r.delta.ci.map((x) => x.toFixed(3)).join(', ')}] ${r.delta.verdict}, fresh sessions: ${r.freshSessions}`,
  );
}
