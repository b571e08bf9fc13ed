/**
 * Every input, once: the table behind action.yml, the CLI flags and the YAML config keys.
 * Each domain owns its part; this file only gathers them (a test checks names are unique and
 * that action.yml and --help agree with it).
 */
import { carbonInputs } from '../carbon/inputs.js';
import { evalInputs } from '../eval/inputs.js';
import { gateInputs } from '../gate/inputs.js';
import { githubInputs } from '../github/inputs.js';
import { powerInputs } from '../power/inputs.js';
import { workloadInputs } from '../workload/inputs.js';
import { coreInputs } from './core-inputs.js';
import type { InputDef } from './define.js';

export const INPUT_GROUPS: readonly { title: string; inputs: readonly InputDef[] }[] = [
  { title: 'Models', inputs: coreInputs },
  { title: 'Workload and benchmark', inputs: workloadInputs },
  { title: 'Energy meters', inputs: powerInputs },
  { title: 'Carbon, cost and lifetime', inputs: carbonInputs },
  { title: 'Accuracy', inputs: evalInputs },
  { title: 'Release gate', inputs: gateInputs },
  { title: 'GitHub', inputs: githubInputs },
];

export const ALL_INPUTS: readonly InputDef[] = INPUT_GROUPS.flatMap((g) => g.inputs);

/** Inputs that exist as CLI flags / config keys (everything but action-only ones). */
export const CLI_INPUTS: readonly InputDef[] = ALL_INPUTS.filter((d) => d.scope !== 'action');
/** Inputs that appear in action.yml. */
export const ACTION_INPUTS: readonly InputDef[] = ALL_INPUTS.filter((d) => d.scope !== 'cli');
