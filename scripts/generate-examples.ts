/**
 * Writes the example models and eval set into examples/, deterministically.
 *
 *   npx tsx scripts/generate-examples.ts           # (re)write examples/
 *   npx tsx scripts/generate-examples.ts --check   # exit 1 if a committed file differs
 *   npx tsx scripts/generate-examples.ts --out DIR # write (or --check) elsewhere
 *
 * `--sizes TRAIN,EVAL` shrinks the sample counts (tests of this script only; the committed files
 * use the defaults).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExamples } from './lib/examples.js';

const EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

async function readOrUndefined(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const flag = (name: string) =>
    process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
  const dir = resolve(flag('--out') ?? EXAMPLES_DIR);
  const sizes = flag('--sizes')?.split(',').map(Number);
  const started = performance.now();
  const { files, trainAccuracy } = buildExamples(sizes && { train: sizes[0], eval: sizes[1] });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (check) {
    const stale: string[] = [];
    for (const [name, bytes] of files)
      if (!sameBytes(await readOrUndefined(join(dir, name)), bytes)) stale.push(name);
    if (stale.length > 0) {
      console.error(
        `examples are stale or missing: ${stale.join(', ')}. Run: npx tsx scripts/generate-examples.ts`,
      );
      return 1;
    }
    console.error(`examples up to date (${files.size} files, regenerated in ${seconds} s)`);
    return 0;
  }
  for (const [name, bytes] of files) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), bytes);
    console.error(`wrote ${join(dir, name)} (${bytes.length} bytes)`);
  }
  for (const [model, accuracy] of Object.entries(trainAccuracy)) {
    console.error(`${model}: training accuracy ${(accuracy * 100).toFixed(1)}%`);
  }
  console.error(`generated in ${seconds} s`);
  return 0;
}

process.exitCode = await main();
