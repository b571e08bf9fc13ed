/** Turns parsed CLI flags plus the optional YAML config file into validated input values. */
import { readConfigFile } from '../config/file.js';
import { CLI_INPUTS } from '../config/inputs.js';
import type { InputValues } from '../config/define.js';
import { resolveInputValues } from '../config/values.js';

export function cliInputValues(inputs: Record<string, string | string[]>, cwd: string): InputValues {
  const configPath = typeof inputs['config'] === 'string' ? inputs['config'] : undefined;
  const file = readConfigFile(configPath, cwd);
  return resolveInputValues(CLI_INPUTS, { explicit: inputs, file: file?.values, filePath: file?.path });
}
