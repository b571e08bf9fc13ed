/**
 * One set of input tensors for both models: checks that BASE and PRUNED take the same inputs
 * (after `input-map`), then loads or synthesizes each tensor once. PRUNED gets the very same
 * tensors, under its own input names.
 */
import { UserError } from '../errors.js';
import type { TensorSpec } from '../model/types.js';
import { loadInputFiles } from './load-files.js';
import type { WorkloadOptions } from './inputs.js';
import { isDynamic, resolveShape } from './shapes.js';
import { inputSeed, synthesizeTensor } from './synthesize.js';
import { describeTensor, elementCount, type HostTensor } from './tensor-data.js';

export interface Workload {
  /** Tensors keyed by BASE input name. */
  base: Record<string, HostTensor>;
  /** The same tensor objects keyed by PRUNED input name. */
  pruned: Record<string, HostTensor>;
  /** Where each tensor came from (`synthesized` or the file), by BASE input name. */
  sources: Record<string, string>;
}

export interface WorkloadRequest {
  base: TensorSpec[];
  pruned: TensorSpec[];
  inputShapes: Record<string, number[]>;
  batchSize: number;
  options: Pick<WorkloadOptions, 'inputFiles' | 'inputMap' | 'seed' | 'intRange'>;
  cwd?: string;
}

/** Build the shared workload; throws UserError on mismatched signatures or bad files. */
export async function buildWorkload(req: WorkloadRequest): Promise<Workload> {
  const prunedName = checkSignatures(req.base, req.pruned, req.options.inputMap);
  const files = await loadInputFiles(req.options.inputFiles, req.base, req.cwd);
  const base: Record<string, HostTensor> = {};
  const pruned: Record<string, HostTensor> = {};
  const sources: Record<string, string> = {};
  req.base.forEach((spec, index) => {
    const fromFile = files.get(spec.name);
    const tensor = fromFile
      ? fitFileTensor(spec, fromFile, req.batchSize)
      : synthesizeTensor(
          spec,
          resolveShape(spec, req.inputShapes[spec.name], req.batchSize),
          inputSeed(req.options.seed, index),
          req.options.intRange,
        );
    base[spec.name] = tensor;
    pruned[prunedName(spec.name)] = tensor;
    const file =
      req.options.inputFiles.find((f) => f.name === spec.name) ??
      req.options.inputFiles.find((f) => f.name === null);
    sources[spec.name] = fromFile ? (file?.path ?? 'file') : 'synthesized';
  });
  return { base, pruned, sources };
}

/**
 * Check that PRUNED takes the same inputs as BASE (name via `inputMap`, dtype, rank, fixed dims;
 * two dynamic dims match whatever their names). Returns the BASE → PRUNED name mapping.
 */
export function checkSignatures(
  base: TensorSpec[],
  pruned: TensorSpec[],
  inputMap: Record<string, string>,
): (name: string) => string {
  const mapName = (name: string) => inputMap[name] ?? name;
  for (const key of Object.keys(inputMap)) {
    if (!base.some((s) => s.name === key)) {
      throw new UserError(
        `"${key}" is not an input of BASE (inputs: ${base.map((s) => s.name).join(', ')})`,
        { input: 'input-map' },
      );
    }
  }
  const prunedByName = new Map(pruned.map((s) => [s.name, s]));
  const problems: string[] = [];
  for (const spec of base) {
    const other = prunedByName.get(mapName(spec.name));
    if (!other) problems.push(`PRUNED has no input "${mapName(spec.name)}"`);
    else if (other.dtype !== spec.dtype)
      problems.push(`"${spec.name}" is ${spec.dtype} in BASE but ${other.dtype} in PRUNED`);
    else if (!sameShape(spec.shape, other.shape))
      problems.push(
        `"${spec.name}" has shape [${spec.shape.join(',')}] in BASE but [${other.shape.join(',')}] in PRUNED`,
      );
  }
  const mapped = new Set(base.map((s) => mapName(s.name)));
  for (const spec of pruned)
    if (!mapped.has(spec.name)) problems.push(`PRUNED input "${spec.name}" has no BASE counterpart`);
  if (problems.length > 0) {
    const sig = (specs: TensorSpec[]) =>
      specs.map((s) => describeTensor(s.name, s.dtype, s.shape)).join('; ');
    throw new UserError(
      `BASE and PRUNED take different inputs, so they cannot run the same workload: ${problems.join('; ')}.\n  BASE:   ${sig(base)}\n  PRUNED: ${sig(pruned)}\n` +
        'If only the names differ, map them with input-map: BASE_NAME=PRUNED_NAME.',
      { input: 'pruned-model' },
    );
  }
  return mapName;
}

function sameShape(a: (number | string)[], b: (number | string)[]): boolean {
  return a.length === b.length && a.every((d, i) => (isDynamic(d) && isDynamic(b[i])) || d === b[i]);
}

/** Check a file tensor against the model input; keeps the first `batchSize` rows of a longer batch axis. */
export function fitFileTensor(spec: TensorSpec, tensor: HostTensor, batchSize: number): HostTensor {
  const where = `file for input "${spec.name}"`;
  if (tensor.dtype !== spec.dtype) {
    throw new UserError(
      `${where} holds ${tensor.dtype} but the model wants ${spec.dtype}; convert it (numpy: a.astype(np.${spec.dtype === 'bool' ? 'bool_' : spec.dtype}))`,
      { input: 'input-files' },
    );
  }
  if (tensor.dims.length !== spec.shape.length) {
    throw new UserError(
      `${where} has shape [${tensor.dims.join(',')}] but the model input is [${spec.shape.join(',')}] (rank differs)`,
      { input: 'input-files' },
    );
  }
  spec.shape.forEach((dim, axis) => {
    if (!isDynamic(dim) && tensor.dims[axis] !== dim) {
      throw new UserError(
        `${where} has shape [${tensor.dims.join(',')}] but the model fixes axis ${axis} at ${dim}`,
        { input: 'input-files' },
      );
    }
  });
  if (spec.shape.length === 0 || !isDynamic(spec.shape[0]) || tensor.dims[0] === batchSize) return tensor;
  if (tensor.dims[0] < batchSize) {
    throw new UserError(
      `${where} holds ${tensor.dims[0]} samples on axis 0, fewer than batch size ${batchSize}; give a larger file or smaller batch-sizes`,
      { input: 'input-files' },
    );
  }
  const dims = [batchSize, ...tensor.dims.slice(1)];
  return { dtype: tensor.dtype, dims, data: tensor.data.slice(0, elementCount(dims)) };
}
