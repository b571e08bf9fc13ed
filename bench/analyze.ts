/**
 * Analysis benchmark: `npx tsx bench/analyze.ts [--external-gb 2.2] [--keep]`.
 *
 * Generates a ~100M-parameter float32 model (~400 MB, 24 Gemm layers of 2048×2048, 10% zeros)
 * in bench/.data/, then compares, in the same run, the time of `cat model > /dev/null` with the
 * wall time of analyzeModel (median of 3 each; the page cache is warm for both), and records the
 * analysis's peak RSS in a child process. Goals: wall ≤ 2× cat, peak RSS ≤ 1.5× file size.
 * `--external-gb N` also analyses, once, a model whose external data file exceeds N GB, then
 * deletes it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGemmStack, type StackSpec } from './lib/write-model.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DATA = path.join(here, '.data');
const CHILD = path.join(here, 'lib', 'analyze-child.ts');
const MB = 1e6;

interface ChildResult {
  wallMs: number;
  maxRssBytes: number;
  baselineRssBytes: number;
  params: number;
  nonzero: number;
  macsDense: number;
  macsSparse: number;
  externalDataBytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function catMs(files: string[]): number {
  const start = performance.now();
  const r = spawnSync('sh', ['-c', `cat ${files.map((f) => `'${f}'`).join(' ')} > /dev/null`]);
  if (r.status !== 0) throw new Error(`cat failed: ${r.stderr}`);
  return performance.now() - start;
}

function analyzeInChild(file: string): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`analysis failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

async function ensureModel(file: string, spec: StackSpec) {
  const expectedParams = spec.layers * spec.width * spec.width;
  const t = performance.now();
  const written = await writeGemmStack(file, spec);
  console.log(
    `generated ${path.relative(process.cwd(), file)}: ${spec.layers} × [${spec.width}, ${spec.width}] = ${expectedParams.toLocaleString('en-US')} params in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  return written;
}

const fmtMs = (ms: number) => `${ms.toFixed(0)} ms`;
const fmtMB = (b: number) => `${(b / MB).toFixed(0)} MB`;

async function main() {
  const args = process.argv.slice(2);
  const gbIndex = args.indexOf('--external-gb');
  const externalGb = gbIndex >= 0 ? Number(args[gbIndex + 1]) : undefined;
  mkdirSync(DATA, { recursive: true });

  const file = path.join(DATA, 'gemm-stack-100m.onnx');
  const spec: StackSpec = { layers: 24, width: 2048, zeroFraction: 0.1, external: false };
  const expected = await ensureModel(file, spec);
  const fileBytes = statSync(file).size;

  const cats: number[] = [];
  const runs: ChildResult[] = [];
  for (let i = 0; i < 3; i++) {
    cats.push(catMs([file]));
    runs.push(analyzeInChild(file));
  }
  const r = runs[0];
  if (r.params !== expected.params || r.nonzero !== expected.nonzero) {
    throw new Error(
      `counts differ: analyzed ${r.params}/${r.nonzero}, written ${expected.params}/${expected.nonzero}`,
    );
  }
  const cat = median(cats);
  const wall = median(runs.map((x) => x.wallMs));
  const rss = Math.max(...runs.map((x) => x.maxRssBytes));
  const baseline = median(runs.map((x) => x.baselineRssBytes));
  console.log(
    `\nmodel            ${fmtMB(fileBytes)} (${fileBytes} bytes), ${r.params.toLocaleString('en-US')} params, ${r.nonzero.toLocaleString('en-US')} nonzero (exact)`,
  );
  console.log(`cat > /dev/null  median ${fmtMs(cat)}   runs ${cats.map(fmtMs).join(', ')}`);
  console.log(`analyzeModel     median ${fmtMs(wall)}   runs ${runs.map((x) => fmtMs(x.wallMs)).join(', ')}`);
  console.log(
    `  wall / cat     ${(wall / cat).toFixed(2)}×   goal ≤ 2×   ${wall <= 2 * cat ? 'MET' : 'MISSED'}`,
  );
  console.log(`peak RSS         ${fmtMB(rss)} (process baseline before analysis ${fmtMB(baseline)})`);
  console.log(
    `  RSS / file     ${(rss / fileBytes).toFixed(2)}×   goal ≤ 1.5×   ${rss <= 1.5 * fileBytes ? 'MET' : 'MISSED'}`,
  );
  if (!args.includes('--keep')) rmSync(file);

  if (externalGb !== undefined) {
    const width = 8192;
    const layers = Math.ceil((externalGb * 1e9) / (width * width * 4));
    const ext = path.join(DATA, 'gemm-stack-external.onnx');
    const written = await ensureModel(ext, { layers, width, zeroFraction: 0.5, external: true });
    try {
      const dataBytes = statSync(`${ext}.data`).size;
      const catExt = catMs(written.files);
      const x = analyzeInChild(ext);
      if (x.params !== written.params || x.nonzero !== written.nonzero)
        throw new Error('external model counts differ');
      console.log(
        `\nexternal data    ${fmtMB(dataBytes)} data file + ${statSync(ext).size} bytes .onnx, ${x.params.toLocaleString('en-US')} params, ${x.nonzero.toLocaleString('en-US')} nonzero (exact)`,
      );
      console.log(
        `  cat ${fmtMs(catExt)}, analyzeModel ${fmtMs(x.wallMs)} (${(x.wallMs / catExt).toFixed(2)}×), peak RSS ${fmtMB(x.maxRssBytes)}`,
      );
    } finally {
      for (const f of written.files) if (existsSync(f)) rmSync(f);
    }
  }
}

await main();
