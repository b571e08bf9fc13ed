/** Typed options of the pipeline core, read from the validated input values. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { parseInputArg } from '../model/input-arg.js';
import type { InputValues } from './define.js';

export interface CoreOptions {
  /** Absolute paths, or null in command mode without ONNX files. */
  basePath: string | null;
  prunedPath: string | null;
  inputShapes: Record<string, number[]>;
  outDir: string;
}

export function readCoreOptions(
  values: InputValues,
  cwd: string,
  opts: { commandMode: boolean },
): CoreOptions {
  const model = (input: 'base-model' | 'pruned-model'): string | null => {
    const given = values[input] as string | undefined;
    if (!given) {
      if (opts.commandMode) return null;
      const other = input === 'base-model' ? 'base-command' : 'pruned-command';
      throw new UserError(
        `is required. Give the path to an .onnx file (or use ${other} to run any command).`,
        {
          input,
        },
      );
    }
    const path = resolve(cwd, given);
    if (!existsSync(path)) {
      throw new UserError(
        `file ${given} not found (working directory ${cwd}). Check the path, or add a checkout step that brings the model.`,
        { input },
      );
    }
    if (statSync(path).isDirectory()) {
      throw new UserError(`${given} is a folder; give the .onnx file inside it.`, { input });
    }
    return path;
  };
  return {
    basePath: model('base-model'),
    prunedPath: model('pruned-model'),
    inputShapes: parseInputArg((values['input'] as string[] | undefined) ?? []),
    outDir: resolve(cwd, (values['output-dir'] as string | undefined) ?? 'carbon-delta-report'),
  };
}
