/** Training CO2e of BASE and of the pruning run: from numbers or CodeCarbon emissions.csv files. */
import { readFile as fsReadFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError, isUserError } from '../errors.js';
import { parseEmissionsCsv } from './emissions-csv.js';
import type { CarbonOptions, TrainingSource } from './types.js';

export interface TrainingCo2e {
  /** BASE training, kg (0 when not given). */
  baseKg: number;
  /** The pruning/fine-tuning run, kg (0 when not given). */
  pruningRunKg: number;
  /** Where each figure came from, for the report. */
  sources: { base: string; pruned: string };
}

export interface TrainingDeps {
  readFile?: (path: string) => Promise<string>;
  /** Relative CSV paths resolve against this. Default `process.cwd()`. */
  cwd?: string;
}

/** Reads the training figures; undefined when none is given. Missing or bad files → `UserError`. */
export async function loadTrainingCo2e(
  training: CarbonOptions['training'],
  deps: TrainingDeps = {},
): Promise<TrainingCo2e | undefined> {
  if (!training.base && !training.pruned) return undefined;
  const base = await readSource(training.base, deps);
  const pruned = await readSource(training.pruned, deps);
  return { baseKg: base.kg, pruningRunKg: pruned.kg, sources: { base: base.label, pruned: pruned.label } };
}

async function readSource(
  source: TrainingSource | undefined,
  deps: TrainingDeps,
): Promise<{ kg: number; label: string }> {
  if (!source) return { kg: 0, label: 'not given (0)' };
  if (source.kind === 'value') return { kg: source.co2eKg, label: `${source.input}: ${source.co2eKg} kg` };
  const path = resolve(deps.cwd ?? process.cwd(), source.path);
  let text: string;
  try {
    text = await (deps.readFile ?? ((p: string) => fsReadFile(p, 'utf8')))(path);
  } catch (error) {
    throw new UserError(
      `cannot read "${source.path}" (${path}): ${(error as Error).message}. Check the path.`,
      {
        input: source.input,
        cause: error,
      },
    );
  }
  try {
    const parsed = parseEmissionsCsv(text, source.path);
    const rows = parsed.rows.length;
    return {
      kg: parsed.totalEmissionsKg,
      label: `${source.path}: sum of emissions over ${rows} row${rows === 1 ? '' : 's'}`,
    };
  } catch (error) {
    if (isUserError(error)) throw new UserError(error.message, { input: source.input, cause: error });
    throw error;
  }
}
