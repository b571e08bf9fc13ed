/** `carbon-delta analyze <model.onnx>`: static analysis only, no inference. */
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { coreInputs } from '../config/core-inputs.js';
import { ExitCode, UserError } from '../errors.js';
import { analyzeModel } from '../model/analyze.js';
import { formatAnalysis } from '../model/format.js';
import { parseInputArg } from '../model/input-arg.js';
import { helpText, parseCliArgs } from './args.js';
import type { CliIo } from './main.js';

const USAGE = 'Usage: carbon-delta analyze <model.onnx> [--input NAME=D1xD2x...]... [--json]';

export async function runAnalyze(argv: string[], io: CliIo): Promise<number> {
  const inputDef = coreInputs.filter((d) => d.name === 'input');
  const args = parseCliArgs(argv, inputDef);
  if (args.flags.help) {
    io.stdout(`${helpText(USAGE, [{ title: 'Options', inputs: inputDef }])}\n`);
    return ExitCode.ok;
  }
  if (args.positionals.length !== 1) {
    throw new UserError(`expected exactly one model file, got ${args.positionals.length}. ${USAGE}`, {
      input: 'analyze',
    });
  }
  const given = args.positionals[0];
  const path = resolve(io.cwd, given);
  if (!existsSync(path)) {
    throw new UserError(`file ${given} not found (working directory ${io.cwd}). Check the path.`, {
      input: 'model',
    });
  }
  const inputs = args.inputs['input'];
  const inputShapes = parseInputArg(Array.isArray(inputs) ? inputs : inputs ? [inputs] : []);
  const analysis = await analyzeModel(path, { inputShapes, logger: io.logger });
  // Report the path as the user gave it, as compare does (relative to the working directory).
  analysis.model.path = given;
  io.stdout(args.flags.json ? `${JSON.stringify(analysis, null, 2)}\n` : `${formatAnalysis(analysis)}\n`);
  return ExitCode.ok;
}
