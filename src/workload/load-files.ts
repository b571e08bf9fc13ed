/**
 * Input tensors from user files: `.npy`, `.npz` (a zip of .npy files, read with fflate) and
 * JSON (a nested array, `{ "dims": [...], "data": [...], "dtype"?: "..." }`, or an object of
 * those keyed by input name). Every failure is a UserError naming the file.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { UserError, errorMessage } from '../errors.js';
import type { TensorSpec } from '../model/types.js';
import { parseNpy } from './npy.js';
import { ARRAY_FOR_DTYPE, elementCount, type HostTensor } from './tensor-data.js';

const INPUT = 'input-files';

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
        guard(() => parseNpy(bytes)),
        path,
      );
    } else if (ext === '.npz') {
      const arrays = guard(() => unzipSync(bytes));
      const members = Object.keys(arrays).filter((k) => k.endsWith('.npy'));
      if (name !== null) {
        const member = members.length === 1 ? members[0] : members.find((m) => m === `${name}.npy`);
        if (!member)
          fail(`no array named "${name}" (arrays: ${members.map((m) => m.slice(0, -4)).join(', ')})`);
        add(
          name,
          guard(() => parseNpy(arrays[member!])),
          path,
        );
      } else {
        for (const member of members)
          add(
            member.slice(0, -4),
            guard(() => parseNpy(arrays[member])),
            path,
          );
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
