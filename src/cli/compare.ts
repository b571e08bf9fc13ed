/** `carbon-delta compare` and `carbon-delta demo`. */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INPUT_GROUPS } from '../config/inputs.js';
import { ExitCode, UserError } from '../errors.js';
import { evaluate } from '../evaluate.js';
import { helpText, parseCliArgs } from './args.js';
import { CLI_INPUTS } from '../config/inputs.js';
import type { CliIo } from './main.js';
import { cliInputValues } from './values.js';

const COMPARE_USAGE =
  'Usage: carbon-delta compare --base <model> --pruned <model> [--config FILE] [--input NAME=DIMS]... [--out DIR] [--json] [options]';
const DEMO_USAGE =
  'Usage: carbon-delta demo [options]   (compare options apply; the example models are preset)';

export async function runCompare(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv, CLI_INPUTS);
  if (args.flags.help) {
    io.stdout(`${helpText(COMPARE_USAGE, INPUT_GROUPS)}\n`);
    return ExitCode.ok;
  }
  if (args.positionals.length > 0) {
    throw new UserError(
      `unexpected argument "${args.positionals[0]}". Give the models as --base <file> --pruned <file>.`,
      { input: 'compare' },
    );
  }
  return compareWith(args.inputs, args.flags.json, io);
}

/** Where the bundled examples live: next to dist/ in the package, or the repo root in development. */
export function examplesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'examples', 'base.onnx'))) return join(dir, 'examples');
    dir = dirname(dir);
  }
  throw new UserError(
    'the bundled example models were not found next to the program. Reinstall carbon-delta.',
    {
      input: 'demo',
    },
  );
}

export async function runDemo(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv, CLI_INPUTS);
  if (args.flags.help) {
    io.stdout(`${helpText(DEMO_USAGE, INPUT_GROUPS)}\n`);
    return ExitCode.ok;
  }
  const examples = examplesDir();
  const rel = (file: string) => relative(io.cwd, join(examples, file)) || file;
  const preset: Record<string, string | string[]> = {
    'base-model': rel('base.onnx'),
    'pruned-model': rel('pruned-structured.onnx'),
    duration: '10',
    'output-dir': 'carbon-delta-report',
  };
  if (existsSync(join(examples, 'eval', 'eval.npz'))) preset['eval-data'] = rel(join('eval', 'eval.npz'));
  io.logger.info(`Demo: comparing ${preset['base-model']} with ${preset['pruned-model']}`);
  return compareWith({ ...preset, ...args.inputs }, args.flags.json, io);
}

async function compareWith(
  inputs: Record<string, string | string[]>,
  json: boolean,
  io: CliIo,
): Promise<number> {
  const values = cliInputValues(inputs, io.cwd);
  const { report, markdown, files } = await evaluate(values, { cwd: io.cwd, logger: io.logger, env: io.env });
  if (json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else {
    io.stdout(`${markdown}\n`);
    io.logger.info(
      `Wrote ${Object.values(files)
        .map((f) => relative(io.cwd, f) || f)
        .join(', ')}`,
    );
  }
  if (!report.gate.passed && report.gate.enforced) {
    const failed = report.gate.checks.filter((c) => c.status === 'fail');
    io.logger.error(`Gate failed: ${failed.map((c) => c.message).join('; ')}`);
    return ExitCode.gateFailed;
  }
  return ExitCode.ok;
}
