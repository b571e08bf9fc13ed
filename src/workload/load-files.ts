/**
 * Input tensors from user files: `.npy`, `.npz` (src/data: every numeric dtype, either byte order) and
 * JSON (a nested array, `{ "dims": [...], "data": [...], "dtype"?: "..." }`, or an object of
 * those keyed by input name). Every failure is a UserError naming the file.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { decodeNpy, type NpyArray, type NpyDtype } from '../data/npy.js';
import { decodeNpz } from '../data/npz.js';
import { UserError, errorMessage } from '../errors.js';
import type { TensorSpec } from '../model/types.js';
import { ARRAY_FOR_DTYPE, elementCount, type HostTensor } from './tensor-data.js';

const INPUT = 'input-files';

/** onnxruntime dtype of each NumPy dtype; the typed arrays already match ARRAY_FOR_DTYPE. */
const DTYPE_FOR_NPY: Readonly<Record<NpyDtype, string>> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  b1: 'bool',
};

/** A host tensor over the decoded array's data (float16 stays as its bits, int64 exact). */
function npyTensor(array: NpyArray): HostTensor {
  return { dtype: DTYPE_FOR_NPY[array.dtype], dims: array.shape, data: array.data };
}

/**
 * Read every configured file into tensors keyed by input name. `specs` gives the dtype of JSON
 * data and the list of valid names for the messages.
 */
export async function loadInputFiles(
  entries: readonly { name: string | null; path: string }[],
  specs: readonly TensorSpec[],
  cwd = process.cwd(),
): Promise<Map<string, HostTensor>> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const tensors = new Map<string, HostTensor>();
  const add = (name: string, tensor: HostTensor, path: string) => {
    if (!byName.has(name)) {
      throw new UserError(
        `${path} gives "${name}", which is not an input of the model (inputs: ${[...byName.keys()].join(', ')})`,
        { input: INPUT },
      );
    }
    tensors.set(name, tensor);
  };
  for (const { name, path } of entries) {
    const full = resolve(cwd, path);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(full);
    } catch (error) {
      throw new UserError(
        `cannot read ${path} (${errorMessage(error)}; working directory ${cwd}). Check the path`,
        { input: INPUT, cause: error },
      );
    }
    const ext = extname(path).toLowerCase();
    const fail = (why: string): never => {
      throw new UserError(`${path}: ${why}`, { input: INPUT });
    };
    const guard = <T>(fn: () => T): T => {
      try {
        return fn();
      } catch (error) {
        if (error instanceof UserError) throw error;
        return fail(errorMessage(error));
      }
    };
    if (ext === '.npy') {
      if (name === null) fail('a .npy file holds one tensor; write NAME=path');
      add(
        name!,
        guard(() => npyTensor(decodeNpy(bytes))),
        path,
      );
    } else if (ext === '.npz') {
      const arrays = guard(() => decodeNpz(bytes));
      if (name !== null) {
        const array = arrays.size === 1 ? [...arrays.values()][0] : arrays.get(name);
        if (!array) fail(`no array named "${name}" (arrays: ${[...arrays.keys()].join(', ')})`);
        add(name, npyTensor(array!), path);
      } else {
        for (const [member, array] of arrays) add(member, npyTensor(array), path);
      }
    } else if (ext === '.json') {
      const doc = guard(() => JSON.parse(new TextDecoder().decode(bytes)) as unknown);
      if (name !== null)
        add(
          name,
          guard(() => jsonTensor(doc, byName.get(name)?.dtype ?? 'float32')),
          path,
        );
      else {
        if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
          fail('a bare JSON path must hold an object keyed by input name; or write NAME=path');
        for (const [key, value] of Object.entries(doc as object))
          add(
            key,
            guard(() => jsonTensor(value, byName.get(key)?.dtype ?? 'float32')),
            path,
          );
      }
    } else {
      fail('unknown file type; use .npy, .npz or .json');
    }
  }
  return tensors;
}

/** A JSON tensor: nested arrays, or `{ dims|shape, data, dtype? }`; `dtype` defaults to the model's. */
export function jsonTensor(doc: unknown, modelDtype: string): HostTensor {
  let dims: number[];
  let flat: unknown[];
  let dtype = modelDtype;
  if (Array.isArray(doc)) {
    dims = [];
    for (let level: unknown = doc; Array.isArray(level); level = level[0]) dims.push(level.length);
    flat = (doc as unknown[]).flat(Infinity);
  } else if (typeof doc === 'object' && doc !== null && 'data' in doc) {
    const d = doc as { dims?: unknown; shape?: unknown; data: unknown; dtype?: unknown };
    const shape = d.dims ?? d.shape;
    if (!Array.isArray(shape) || !shape.every((x) => Number.isSafeInteger(x) && x >= 0))
      throw new Error('"dims" must be an array of sizes');
    if (!Array.isArray(d.data)) throw new Error('"data" must be an array');
    dims = shape as number[];
    flat = (d.data as unknown[]).flat(Infinity);
    if (d.dtype !== undefined) dtype = String(d.dtype);
  } else {
    throw new Error('expected a nested array or { "dims": [...], "data": [...] }');
  }
  if (flat.length !== elementCount(dims))
    throw new Error(`${flat.length} values do not fill shape [${dims.join(',')}] (ragged array?)`);
  const Ctor = ARRAY_FOR_DTYPE[dtype];
  if (!Ctor || dtype === 'float16') throw new Error(`dtype ${dtype} is not supported in JSON; use .npy`);
  const data = new Ctor(flat.length);
  const isInt = !dtype.startsWith('float');
  flat.forEach((v, i) => {
    const x = typeof v === 'boolean' ? Number(v) : v;
    if (typeof x !== 'number' || !Number.isFinite(x) || (isInt && !Number.isInteger(x))) {
      throw new Error(`value ${JSON.stringify(v)} at flat index ${i} is not a valid ${dtype}`);
    }
    if (data instanceof BigInt64Array || data instanceof BigUint64Array) data[i] = BigInt(x);
    else data[i] = x;
  });
  return { dtype, dims, data };
}
