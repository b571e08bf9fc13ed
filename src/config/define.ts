/**
 * One definition per input. Each domain declares its inputs in `src/<domain>/inputs.ts` as an
 * `InputDef[]`; `src/config/inputs.ts` gathers them. The same table generates `action.yml` inputs,
 * CLI flags (`--grid-zone`) and YAML config keys (`grid-zone:`), so they cannot drift apart.
 */

export type InputType = 'string' | 'number' | 'integer' | 'boolean' | 'list' | 'enum' | 'path';

/** A validated input value: numbers are numbers, booleans booleans, lists string arrays. */
export type InputValue = string | number | boolean | string[];

export interface InputDef {
  /** kebab-case, with the unit in the name where it helps (`min-energy-savings-pct`). */
  name: string;
  type: InputType;
  /** One sentence for action.yml and --help; say the unit and what the default means. */
  description: string;
  default?: InputValue;
  /** For `enum`. */
  choices?: readonly string[];
  /** For numbers: inclusive bounds. */
  min?: number;
  max?: number;
  /** Where it is used: 'all' (default), or only the action / only the CLI. */
  scope?: 'all' | 'action' | 'cli';
}

/**
 * The validated values of all inputs, by input name. A key is absent when the input was not
 * given and has no default. Each domain turns this into its own typed options
 * (e.g. `readCarbonOptions(values)`), doing its cross-field checks there.
 */
export type InputValues = Readonly<Record<string, InputValue | undefined>>;

export function defineInputs<const T extends readonly InputDef[]>(defs: T): T {
  return defs;
}
