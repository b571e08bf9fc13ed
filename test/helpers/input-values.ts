/** InputValues as the config layer gives them: each def's default, then the overrides (undefined removes). */
import type { InputDef, InputValue, InputValues } from '../../src/config/define.js';

export function valuesOf(
  defs: readonly InputDef[],
  overrides: Record<string, InputValue | undefined> = {},
): InputValues {
  const out: Record<string, InputValue | undefined> = {};
  for (const d of defs) if (d.default !== undefined) out[d.name] = d.default;
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}
