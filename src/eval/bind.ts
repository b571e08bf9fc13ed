/**
 * Matches eval data to a model's inputs and checks shapes, before any inference: an unnamed array
 * feeds the single input (or `input-name`); named arrays feed the inputs of the same name. The
 * model's first dimension is the batch; the rest must equal the sample shape where fixed.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import { UserError } from '../errors.js';
import type { EvalData, EvalOptions, InputColumn } from './types.js';

export interface Binding {
  inputName: string;
  column: InputColumn;
  type: Tensor.Type;
  /** The model's fixed batch size, when its first dimension is a number. */
  fixedBatch?: number;
}

const SUPPORTED: readonly string[] = [
  'float32',
  'float64',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'bool',
];

const dims = (shape: readonly (number | string)[]) => `[${shape.join(',')}]`;

export function bindInputs(
  data: EvalData,
  metadata: readonly InferenceSession.ValueMetadata[],
  options: Pick<EvalOptions, 'inputName'>,
  modelPath: string,
): Binding[] {
  const names = metadata.map((m) => m.name);
  const list = names.map((n) => `'${n}'`).join(', ');
  const targets = new Map<string, InputColumn>();
  for (const [key, column] of data.inputs) {
    if (key === '') {
      const target = options.inputName ?? (names.length === 1 ? names[0] : undefined);
      if (target === undefined) {
        throw new UserError(
          `${modelPath} has inputs ${list}; store one array per input name in the .npz (or JSON object), or set input-name.`,
          { input: 'eval-data' },
        );
      }
      if (!names.includes(target)) {
        throw new UserError(`${JSON.stringify(target)} is not an input of ${modelPath} (inputs: ${list}).`, {
          input: 'input-name',
        });
      }
      targets.set(target, column);
    } else {
      if (!names.includes(key)) {
        throw new UserError(
          `${data.source} has data '${key}', which is not an input of ${modelPath} (inputs: ${list}).`,
          {
            input: 'eval-data',
          },
        );
      }
      targets.set(key, column);
    }
  }
  return metadata.map((meta) => {
    const column = targets.get(meta.name);
    if (!column) {
      throw new UserError(
        `${data.source} has no data for input '${meta.name}' of ${modelPath} (inputs: ${list}).`,
        {
          input: 'eval-data',
        },
      );
    }
    if (!meta.isTensor || !SUPPORTED.includes(meta.type)) {
      const type = meta.isTensor ? meta.type : 'non-tensor';
      throw new UserError(
        `input '${meta.name}' of ${modelPath} has type ${type}; accuracy evaluation supports ${SUPPORTED.join(', ')}.`,
        {
          input: 'eval-data',
        },
      );
    }
    const shape = meta.shape;
    const sample = column.sampleShape;
    if (shape.length > 0) {
      const fits =
        shape.length === sample.length + 1 &&
        shape.slice(1).every((d, i) => typeof d !== 'number' || d < 0 || d === sample[i]);
      if (!fits) {
        const expected = dims(shape.slice(1).map((d) => (typeof d === 'number' ? d : `${d}`)));
        throw new UserError(
          `samples of shape ${dims(sample)} in ${data.source} do not fit input '${meta.name}' ${dims(shape)} of ${modelPath}; each sample must have shape ${expected} (the first model dimension is the batch).`,
          { input: 'eval-data' },
        );
      }
    }
    const first = shape[0];
    return {
      inputName: meta.name,
      column,
      type: meta.type,
      ...(typeof first === 'number' && first > 0 && { fixedBatch: first }),
    };
  });
}
