/**
 * Where the action finds onnxruntime-node (DESIGN.md "Packaging"), first match wins:
 *   1. `onnxruntime-path` — a pre-installed copy (air-gapped runners);
 *   2. the action's own node_modules (development, tests);
 *   3. the runner's tool cache, from an earlier run on this machine;
 *   4. a pinned `npm install` into the tool cache — CPU flavour, or with the CUDA 12 provider
 *      libraries when the execution provider is cuda/tensorrt (the package's own install flag).
 * koffi (for the NVML meter) is installed alongside, so GPU energy works from the action too.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { importFrom, registerModuleDir, resolveFrom } from './modules.js';
import type { OrtModule } from './ort.js';

/** Pinned versions installed into the tool cache; a test checks they match package.json. */
export const ORT_VERSION = '1.23.2';
export const KOFFI_VERSION = '2.16.3';

export type ExecFn = (
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
) => Promise<{ exitCode: number; output: string }>;

export interface ResolveOrtOptions {
  /** The `onnxruntime-path` input: a folder containing node_modules/onnxruntime-node, or the package folder itself. */
  explicitPath?: string;
  executionProvider: string;
  /** RUNNER_TOOL_CACHE; defaults to ~/.cache/carbon-delta. */
  toolCacheDir?: string;
  /** npm executable (a test seam for a fake npm). */
  npm?: string;
  exec: ExecFn;
  /** Import the package from normal resolution (a seam so tests can pretend it is absent). */
  importOwn?: () => Promise<OrtModule>;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
}

export interface ResolvedOrt {
  module: OrtModule;
  source: 'input' | 'own' | 'tool-cache' | 'installed';
  dir: string | null;
  /** File URL of the package entry (child processes load the same copy); null for `own`. */
  url: string | null;
}

/** The flavour to install: the CUDA 12 provider libraries are only fetched when asked for. */
export function ortFlavour(executionProvider: string): 'cpu' | 'cuda12' {
  return executionProvider === 'cuda' || executionProvider === 'tensorrt' ? 'cuda12' : 'cpu';
}

export function toolCacheInstallDir(toolCacheDir: string, executionProvider: string): string {
  return join(
    toolCacheDir,
    'carbon-delta-onnxruntime',
    ORT_VERSION,
    ortFlavour(executionProvider),
    process.arch,
  );
}

export async function resolveOrt(options: ResolveOrtOptions): Promise<ResolvedOrt> {
  const { logger } = options;
  if (options.explicitPath) {
    const dir = resolve(options.explicitPath);
    const base = existsSync(join(dir, 'node_modules', 'onnxruntime-node')) ? dir : resolve(dir, '..', '..');
    try {
      const module = await importFrom<OrtModule>(base, 'onnxruntime-node');
      registerModuleDir(base);
      return { module, source: 'input', dir: base, url: resolveFrom(base, 'onnxruntime-node') };
    } catch (error) {
      throw new UserError(
        `no usable onnxruntime-node at ${dir} (${errorMessage(error)}). Point it at a folder containing ` +
          `node_modules/onnxruntime-node, e.g. one made with \`npm install onnxruntime-node@${ORT_VERSION}\`.`,
        { input: 'onnxruntime-path' },
      );
    }
  }

  try {
    const module = await (options.importOwn ?? (() => import('onnxruntime-node')))();
    return { module, source: 'own', dir: null, url: null };
  } catch {
    logger.debug('onnxruntime-node is not in the action’s node_modules; trying the tool cache');
  }

  const env = options.env ?? process.env;
  const toolCache =
    options.toolCacheDir ?? env.RUNNER_TOOL_CACHE ?? join(homedir(), '.cache', 'carbon-delta');
  const dir = toolCacheInstallDir(toolCache, options.executionProvider);
  const marker = join(dir, '.complete');
  if (existsSync(marker)) {
    registerModuleDir(dir);
    const module = await importFrom<OrtModule>(dir, 'onnxruntime-node');
    return { module, source: 'tool-cache', dir, url: resolveFrom(dir, 'onnxruntime-node') };
  }

  await installInto(dir, options, env);
  await writeFile(marker, `onnxruntime-node@${ORT_VERSION} ${ortFlavour(options.executionProvider)}\n`);
  registerModuleDir(dir);
  const module = await importFrom<OrtModule>(dir, 'onnxruntime-node');
  return { module, source: 'installed', dir, url: resolveFrom(dir, 'onnxruntime-node') };
}

async function installInto(dir: string, options: ResolveOrtOptions, env: NodeJS.ProcessEnv): Promise<void> {
  const flavour = ortFlavour(options.executionProvider);
  const npm = options.npm ?? 'npm';
  options.logger.info(
    `Installing onnxruntime-node@${ORT_VERSION} (${flavour}) into the tool cache at ${dir} (once per machine)`,
  );
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{ "name": "carbon-delta-runtime", "private": true }\n');
  // The package's postinstall fetches the CUDA provider libraries; skip it for CPU, and run it
  // explicitly for CUDA (npm may be configured not to run install scripts).
  const installEnv = { ...env, ONNXRUNTIME_NODE_INSTALL: 'skip' };
  const steps: [string, string[], NodeJS.ProcessEnv][] = [
    [
      npm,
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        `onnxruntime-node@${ORT_VERSION}`,
        `koffi@${KOFFI_VERSION}`,
      ],
      installEnv,
    ],
  ];
  if (flavour === 'cuda12') {
    steps.push([
      process.execPath,
      [join('node_modules', 'onnxruntime-node', 'script', 'install.js')],
      { ...env, ONNXRUNTIME_NODE_INSTALL: 'cuda12' },
    ]);
  }
  for (const [file, args, stepEnv] of steps) {
    let result: { exitCode: number; output: string };
    try {
      result = await options.exec(file, args, { cwd: dir, env: stepEnv });
    } catch (error) {
      throw new UserError(
        `could not run \`${file} ${args.join(' ')}\` to install onnxruntime-node (${errorMessage(error)}). ` +
          'Install it on the runner and set onnxruntime-path, or make npm available.',
        { input: 'onnxruntime-path' },
      );
    }
    if (result.exitCode !== 0) {
      throw new UserError(
        `installing onnxruntime-node@${ORT_VERSION} failed (\`${file} ${args.join(' ')}\` exited ${result.exitCode}):\n` +
          `${result.output.trim().split('\n').slice(-10).join('\n')}\n` +
          'On an air-gapped runner, install it once and set onnxruntime-path to that folder.',
        { input: 'onnxruntime-path' },
      );
    }
  }
}
