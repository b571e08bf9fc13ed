/** Reads the YAML config file (`.github/carbon-delta.yml`): keys are input names. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { UserError, errorMessage } from '../errors.js';

export const DEFAULT_CONFIG_FILE = '.github/carbon-delta.yml';

/**
 * Load the config file named by the `config` input, or the default file when it exists.
 * Returns undefined when there is none.
 */
export function readConfigFile(
  explicitPath: string | undefined,
  cwd: string,
): { path: string; values: Record<string, unknown> } | undefined {
  const path = resolve(cwd, explicitPath ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicitPath) {
      throw new UserError(`file ${explicitPath} not found (working directory ${cwd}). Check the path.`, {
        input: 'config',
      });
    }
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserError(`${path} is not valid YAML: ${errorMessage(error)}`, { input: 'config' });
  }
  if (parsed === null || parsed === undefined) return { path, values: {} };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UserError(`${path} must be a YAML mapping of input names to values (e.g. "grid-zone: DE").`, {
      input: 'config',
    });
  }
  return { path, values: parsed as Record<string, unknown> };
}
