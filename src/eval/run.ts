/**
 * Runs one model over the whole eval set in batches, in sample order, and keeps one output as
 * [count, width] float64 rows. A model with a fixed batch dimension gets batches of exactly that
 * size (the last one padded with its final sample, the padding's outputs dropped).
 */
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import { UserError } from '../errors.js';
import type { OrtModule } from '../runtime/ort.js';
import { bindInputs, type Binding } from './bind.js';
import type { EvalData, EvalOptions, ModelOutputs } from './types.js';

function typedArray(type: Tensor.Type, values: Float32Array | Float64Array): Tensor['data'] {
  switch (type) {
    case 'float32':
      return values instanceof Float32Array ? values : Float32Array.from(values);
    case 'float64':
      return Float64Array.from(values);
    case 'int8':
      return Int8Array.from(values);
    case 'uint8':
    case 'bool':
      return Uint8Array.from(values);
    case 'int16':
      return Int16Array.from(values);
    case 'uint16':
      return Uint16Array.from(values);
    case 'int32':
      return Int32Array.from(values);
    case 'uint32':
      return Uint32Array.from(values);
    case 'int64':
      return BigInt64Array.from(values, (v) => BigInt(Math.trunc(v)));
    default:
      throw new Error(`unsupported input type ${type}`);
  }
}

/** Rows [start, start + size) of a column, padded by repeating the last row up to `padTo`. */
function rows(binding: Binding, start: number, size: number, padTo: number): Float32Array | Float64Array {
  const width = binding.column.sampleShape.reduce((a, b) => a * b, 1);
  const source = binding.column.data;
  const out =
    source instanceof Float32Array ? new Float32Array(padTo * width) : new Float64Array(padTo * width);
  out.set(source.subarray(start * width, (start + size) * width));
  for (let n = size; n < padTo; n++) out.copyWithin(n * width, (size - 1) * width, size * width);
  return out;
}

export interface RunResult {
  outputs: ModelOutputs;
  outputName: string;
}

export async function runModel(
  ort: OrtModule,
  modelPath: string,
  data: EvalData,
  options: Pick<EvalOptions, 'inputName' | 'outputName' | 'batchSize'>,
  sessionOptions: InferenceSession.SessionOptions = {},
): Promise<RunResult> {
  const session = await ort.InferenceSession.create(modelPath, sessionOptions);
  try {
    const bindings = bindInputs(data, session.inputMetadata, options, modelPath);
    const outputName = options.outputName ?? session.outputNames[0];
    if (!session.outputNames.includes(outputName)) {
      throw new UserError(
        `${JSON.stringify(outputName)} is not an output of ${modelPath} (outputs: ${session.outputNames.map((n) => `'${n}'`).join(', ')}).`,
        { input: 'output-name' },
      );
    }
    const fixed = bindings.find((b) => b.fixedBatch !== undefined)?.fixedBatch;
    const batch = fixed ?? options.batchSize;
    let values: Float64Array | undefined;
    let width = 0;
    for (let start = 0; start < data.count; start += batch) {
      const size = Math.min(batch, data.count - start);
      const padTo = fixed ?? size;
      const feeds: Record<string, Tensor> = {};
      for (const b of bindings) {
        feeds[b.inputName] = new ort.Tensor(b.type, typedArray(b.type, rows(b, start, size, padTo)), [
          padTo,
          ...b.column.sampleShape,
        ]);
      }
      let result: InferenceSession.OnnxValueMapType;
      try {
        result = await session.run(feeds, [outputName]);
      } catch (error) {
        // Models exported with a symbolic batch but a baked-in batch of 1 (Reshape constants) fail here.
        if (padTo === 1) throw error;
        throw new UserError(
          `${modelPath} failed on a batch of ${padTo} samples (${(error as Error).message.split('\n')[0]}); if the model only runs one sample at a time, set eval-batch-size: 1.`,
          { input: 'eval-batch-size', cause: error },
        );
      }
      const tensor = result[outputName];
      if (tensor.dims[0] !== padTo) {
        throw new UserError(
          `output '${outputName}' of ${modelPath} has shape [${tensor.dims.join(',')}] for a batch of ${padTo}; accuracy needs the first output dimension to be the batch (set output-name).`,
          { input: 'output-name' },
        );
      }
      const rowWidth = tensor.size / padTo;
      if (values === undefined) {
        width = rowWidth;
        values = new Float64Array(data.count * width);
      }
      const raw = tensor.data as ArrayLike<number | bigint>;
      for (let i = 0; i < size * width; i++) values[start * width + i] = Number(raw[i]);
      for (const t of Object.values(feeds)) t.dispose?.();
    }
    return { outputs: { values: values ?? new Float64Array(0), count: data.count, width }, outputName };
  } finally {
    await session.release();
  }
}
