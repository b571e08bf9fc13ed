/**
 * Binding a model's symbolic input dims (`batch`, `sequence`, ...) to concrete sizes.
 *
 * `inputShapes` keys are either input names (a full shape: `input=1x3x224x224`) or dim names
 * (one size: `batch=8`). A dim named like a batch dim with no binding defaults to 1 (said in the
 * log); any other free dim is an error that lists them all and says how to pass them.
 */
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { toNumber, type ValueInfoProto } from './onnx-proto.js';
import type { TensorSpec } from './types.js';
import { dtypeName } from './dtypes.js';

const BATCH_NAMES = /^(batch|batch_size|batchsize|n|b|bs|batch_dim)$/i;

export interface Bound {
  /** Concrete shape of each graph input. */
  shapes: Record<string, number[]>;
  /** Sizes of the symbolic dims (from inputs and explicit bindings), for value_info shapes. */
  dims: Map<string, number>;
}

/** The stored spec of a graph input or output. */
export function tensorSpec(v: ValueInfoProto): TensorSpec {
  const t = v.type?.tensorType;
  const shape = (t?.shape?.dim ?? []).map((d, i) =>
    d.dimParam
      ? d.dimParam
      : d.dimValue !== undefined && d.dimValue !== null
        ? toNumber(d.dimValue)
        : `?${i}`,
  );
  return { name: v.name ?? '', dtype: dtypeName(t?.elemType), shape };
}

/** True when the model records no shape (not even a rank) for the value. */
export function hasNoShape(v: ValueInfoProto): boolean {
  return !v.type?.tensorType?.shape;
}

/**
 * Concrete shapes for `inputs`. `unranked` names inputs whose rank the model does not record:
 * they need a full shape from `inputShapes`.
 */
export function bindInputs(
  modelPath: string,
  inputs: TensorSpec[],
  inputShapes: Record<string, number[]>,
  logger?: Logger,
  unranked: ReadonlySet<string> = new Set(),
): Bound {
  const names = new Set(inputs.map((i) => i.name));
  const dims = new Map<string, number>();
  for (const [key, value] of Object.entries(inputShapes)) {
    if (names.has(key)) continue;
    if (value.length !== 1) {
      throw new UserError(
        `model ${modelPath}: --input ${key}=${value.join('x')} names neither an input (${[...names].join(', ')}) nor a symbolic dim; a dim binding takes one size (--input batch=8).`,
        { input: 'input' },
      );
    }
    dims.set(key, value[0]);
  }
  const shapes: Record<string, number[]> = {};
  const free = new Map<string, string[]>();
  const defaulted = new Set<string>();
  // Full shapes first: they bind the dims other inputs share.
  for (const input of inputs) {
    const given = inputShapes[input.name];
    if (!given) continue;
    if (!unranked.has(input.name)) checkGiven(modelPath, input, given);
    input.shape.forEach((d, i) => typeof d === 'string' && !d.startsWith('?') && dims.set(d, given[i]));
    shapes[input.name] = given;
  }
  for (const input of inputs) {
    if (shapes[input.name]) continue;
    if (unranked.has(input.name)) {
      throw new UserError(
        `model ${modelPath}: input '${input.name}' has no recorded shape. Pass its full shape, e.g. --input ${input.name}=1x3x224x224.`,
        { input: 'input' },
      );
    }
    shapes[input.name] = input.shape.map((d) => {
      if (typeof d === 'number') return d;
      const bound = dims.get(d);
      if (bound !== undefined) return bound;
      if (BATCH_NAMES.test(d)) {
        defaulted.add(d);
        dims.set(d, 1);
        return 1;
      }
      free.set(input.name, [
        ...(free.get(input.name) ?? []),
        d.startsWith('?') ? `(unnamed dim ${d.slice(1)})` : d,
      ]);
      return -1;
    });
  }
  if (free.size > 0) {
    const list = [...free].map(
      ([name, ds]) =>
        `${name} [${inputs.find((i) => i.name === name)!.shape.join(', ')}]: free ${ds.join(', ')}`,
    );
    const example = [...free.keys()][0];
    throw new UserError(
      `model ${modelPath} has input dims with no size: ${list.join('; ')}. Pass the full shape, e.g. --input ${example}=${exampleShape(inputs.find((i) => i.name === example)!)}, or bind a named dim, e.g. --input ${[...free.values()][0][0]}=128.`,
      { input: 'input' },
    );
  }
  if (defaulted.size > 0) {
    logger?.info(
      `model ${modelPath}: dim ${[...defaulted].join(', ')} not given, using 1 (pass --input ${[...defaulted][0]}=N to change)`,
    );
  }
  return { shapes, dims };
}

function exampleShape(input: TensorSpec): string {
  return input.shape.map((d) => (typeof d === 'number' ? d : BATCH_NAMES.test(d) ? 1 : 'D')).join('x');
}

function checkGiven(modelPath: string, input: TensorSpec, given: number[]): void {
  const fits =
    given.length === input.shape.length &&
    input.shape.every((d, i) => typeof d !== 'number' || d === given[i]);
  if (!fits) {
    throw new UserError(
      `model ${modelPath}: --input ${input.name}=${given.join('x')} does not fit the input's shape [${input.shape.join(', ')}]. Give ${input.shape.length} dims and keep the fixed ones.`,
      { input: 'input' },
    );
  }
}
