/**
 * Accuracy inputs: an eval set (`eval-data`, optional `eval-labels`), the task, and how to read
 * the model's outputs. Without `eval-data` no accuracy is evaluated and `readEvalOptions` returns
 * undefined. The interval's confidence level comes from the shared `confidence` input.
 */
import { defineInputs } from '../config/define.js';
import type { InputValues } from '../config/define.js';
import { UserError } from '../errors.js';
import type { EvalOptions, OutputsAre, Task } from './types.js';

export const TASKS = ['classification', 'binary', 'regression'] as const;
export const OUTPUTS_ARE = ['logits', 'probabilities', 'auto'] as const;
const DATA_EXTENSIONS = ['.npy', '.npz', '.jsonl', '.ndjson', '.csv'];

export const evalInputs = defineInputs([
  {
    name: 'eval-data',
    type: 'path',
    description:
      'Labelled eval set for accuracy: .npz (arrays `inputs` or one per model input name, and `labels`), .npy (inputs; labels in eval-labels), JSON Lines ({"inputs": {...}, "label": ...}) or CSV (feature columns and a `label` column). Empty: accuracy is not evaluated.',
  },
  {
    name: 'eval-labels',
    type: 'path',
    description:
      'Labels as a .npy file, when eval-data holds only the inputs. Without labels only the agreement between the two models is reported.',
  },
  {
    name: 'task',
    type: 'enum',
    choices: TASKS,
    default: 'classification',
    description:
      'How to score outputs: classification (top-1, top-k, macro-F1), binary (accuracy, F1, ROC-AUC) or regression (MAE, RMSE).',
  },
  { name: 'output-name', type: 'string', description: 'Model output to score. Default: the first output.' },
  {
    name: 'input-name',
    type: 'string',
    description: 'Model input that an unnamed eval array feeds. Default: the only input of the model.',
  },
  {
    name: 'top-k',
    type: 'integer',
    default: 5,
    min: 1,
    description: 'k of the top-k accuracy (classification); capped at the number of classes.',
  },
  {
    name: 'max-samples',
    type: 'integer',
    min: 1,
    description:
      'Evaluate at most this many samples: a seeded random subset, kept in file order. Default: all.',
  },
  {
    name: 'eval-seed',
    type: 'integer',
    default: 0,
    min: 0,
    description: 'Seed of the max-samples subset and of the bootstrap interval.',
  },
  {
    name: 'eval-batch-size',
    type: 'integer',
    default: 32,
    min: 1,
    description:
      'Samples per inference call during accuracy evaluation (needs a dynamic batch dimension above 1).',
  },
  {
    name: 'outputs-are',
    type: 'enum',
    choices: OUTPUTS_ARE,
    default: 'auto',
    description:
      'Whether classification/binary outputs are logits or probabilities; auto treats rows in [0,1] that sum to 1 (or a single value in [0,1]) as probabilities.',
  },
]);

function optionalString(values: InputValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string')
    throw new UserError(`expected text, got ${JSON.stringify(value)}.`, { input: name });
  return value;
}

function integer(
  values: InputValues,
  name: string,
  fallback: number | undefined,
  min: number,
): number | undefined {
  const value = values[name] ?? fallback;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new UserError(`expected an integer ≥ ${min}, got ${JSON.stringify(value)}.`, { input: name });
  }
  return value;
}

function choice<T extends string>(values: InputValues, name: string, choices: readonly T[], fallback: T): T {
  const value = values[name] ?? fallback;
  if (!choices.includes(value as T)) {
    throw new UserError(`unknown value ${JSON.stringify(value)}; use one of ${choices.join(', ')}.`, {
      input: name,
    });
  }
  return value as T;
}

/** The eval options, or undefined when no `eval-data` is given. Throws `UserError` naming the input. */
export function readEvalOptions(values: InputValues): EvalOptions | undefined {
  const task = choice<Task>(values, 'task', TASKS, 'classification');
  const outputsAre = choice<OutputsAre>(values, 'outputs-are', OUTPUTS_ARE, 'auto');
  const dataPath = optionalString(values, 'eval-data');
  const labelsPath = optionalString(values, 'eval-labels');
  if (dataPath === undefined) {
    if (labelsPath !== undefined) {
      throw new UserError(
        `labels ${JSON.stringify(labelsPath)} given without eval-data; set eval-data to the inputs.`,
        {
          input: 'eval-labels',
        },
      );
    }
    return undefined;
  }
  if (!DATA_EXTENSIONS.some((ext) => dataPath.toLowerCase().endsWith(ext))) {
    throw new UserError(
      `${JSON.stringify(dataPath)} has an unsupported extension; use one of ${DATA_EXTENSIONS.join(', ')}.`,
      { input: 'eval-data' },
    );
  }
  if (labelsPath !== undefined && !/\.(npy|jsonl|ndjson|csv)$/i.test(labelsPath)) {
    throw new UserError(`${JSON.stringify(labelsPath)}: labels must be a .npy, .jsonl or .csv file.`, {
      input: 'eval-labels',
    });
  }
  const confidence = values.confidence ?? 0.95;
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    throw new UserError(`expected a number between 0 and 1, got ${JSON.stringify(confidence)}.`, {
      input: 'confidence',
    });
  }
  return {
    dataPath,
    ...(labelsPath !== undefined && { labelsPath }),
    task,
    ...(optionalString(values, 'output-name') !== undefined && {
      outputName: optionalString(values, 'output-name'),
    }),
    ...(optionalString(values, 'input-name') !== undefined && {
      inputName: optionalString(values, 'input-name'),
    }),
    topK: integer(values, 'top-k', 5, 1)!,
    ...(integer(values, 'max-samples', undefined, 1) !== undefined && {
      maxSamples: integer(values, 'max-samples', undefined, 1),
    }),
    seed: integer(values, 'eval-seed', 0, 0)!,
    batchSize: integer(values, 'eval-batch-size', 32, 1)!,
    outputsAre,
    confidence,
    resamples: 2000,
  };
}
