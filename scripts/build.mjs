// Bundles the action, the CLI and the library entry into dist/ with esbuild.
// onnxruntime-node/-common and koffi stay external: their native binaries must keep their layout.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } });

export const EXTERNAL = ['onnxruntime-node', 'onnxruntime-common', 'koffi'];

await rm(values.outdir, { recursive: true, force: true });
await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts', evaluate: 'src/evaluate.ts' },
  outdir: values.outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); give ESM output one.
  banner: {
    js: "import { createRequire as __cdCreateRequire } from 'node:module'; const require = __cdCreateRequire(import.meta.url);",
  },
});
