/**
 * NumPy `.npz` archives: a ZIP (stored by `np.savez`, deflated with ZIP64 extras by
 * `np.savez_compressed`) of one `.npy` per array, read with fflate.
 */
import { unzipSync } from 'fflate';
import { decodeNpy, NpyFormatError, type NpyArray } from './npy.js';

/**
 * The arrays of an `.npz`, keyed by name (member name without `.npy`), in archive order; members
 * that are not `.npy` are skipped. Throws `NpyFormatError` naming the array at fault.
 */
export function decodeNpz(bytes: Uint8Array): Map<string, NpyArray> {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes, { filter: (file) => file.name.endsWith('.npy') });
  } catch (error) {
    throw new NpyFormatError(`not a ZIP/.npz archive, or a damaged one (${(error as Error).message})`);
  }
  const arrays = new Map<string, NpyArray>();
  for (const [member, data] of Object.entries(members)) {
    const name = member.slice(0, -'.npy'.length);
    try {
      arrays.set(name, decodeNpy(data));
    } catch (error) {
      throw new NpyFormatError(`array '${name}': ${(error as Error).message}`);
    }
  }
  return arrays;
}
