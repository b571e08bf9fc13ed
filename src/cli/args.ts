/**
 * CLI flags generated from the input table: every input is a flag of the same name
 * (`--grid-zone DE`). Lists may repeat (`--input a=1x3 --input b=1x8`); booleans may be bare
 * (`--comment`) or explicit (`--comment=false`). A few short aliases match DESIGN.md's usage.
 */
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import type { InputDef } from '../config/define.js';

export const ALIASES: Record<string, string> = {
  base: 'base-model',
  pruned: 'pruned-model',
  out: 'output-dir',
};

/** Flags of the CLI itself, not inputs. */
const CLI_FLAGS = ['json', 'help', 'verbose', 'version'] as const;

export interface ParsedArgs {
  inputs: Record<string, string | string[]>;
  flags: Record<(typeof CLI_FLAGS)[number], boolean>;
  positionals: string[];
}

export function parseCliArgs(argv: string[], defs: readonly InputDef[]): ParsedArgs {
  const booleans = new Set(defs.filter((d) => d.type === 'boolean').map((d) => d.name));
  // A bare boolean flag means true; parseArgs wants a value for string options.
  const normalized = argv.map((arg) =>
    arg.startsWith('--') && booleans.has(arg.slice(2)) ? `${arg}=true` : arg,
  );
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const def of defs) options[def.name] = { type: 'string', multiple: def.type === 'list' };
  for (const [alias, target] of Object.entries(ALIASES)) {
    if (options[target]) options[alias] = { ...options[target] };
  }
  for (const flag of CLI_FLAGS) options[flag] = { type: 'boolean' };
  options['help'].short = 'h';

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: normalized, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`${message.replace(/\. To specify .*$/s, '')}. Run with --help to list the flags.`, {
      input: 'command line',
    });
  }
  const inputs: Record<string, string | string[]> = {};
  const flags = Object.fromEntries(CLI_FLAGS.map((f) => [f, false])) as ParsedArgs['flags'];
  for (const [key, value] of Object.entries(parsed.values)) {
    if ((CLI_FLAGS as readonly string[]).includes(key))
      flags[key as keyof ParsedArgs['flags']] = Boolean(value);
    else inputs[ALIASES[key] ?? key] = value as string | string[];
  }
  return { inputs, flags, positionals: parsed.positionals };
}

/** `--help` text for a command, generated from the same table as action.yml. */
export function helpText(
  usage: string,
  groups: readonly { title: string; inputs: readonly InputDef[] }[],
): string {
  const lines = [usage, ''];
  const aliasOf = Object.fromEntries(Object.entries(ALIASES).map(([a, t]) => [t, a]));
  for (const group of groups) {
    const inputs = group.inputs.filter((d) => d.scope !== 'action');
    if (inputs.length === 0) continue;
    lines.push(`${group.title}:`);
    for (const def of inputs) {
      const alias = aliasOf[def.name] ? ` (--${aliasOf[def.name]})` : '';
      const shownDefault =
        def.default === undefined || (Array.isArray(def.default) && def.default.length === 0)
          ? ''
          : ` [default: ${Array.isArray(def.default) ? def.default.join(',') : String(def.default)}]`;
      const choices = def.choices ? ` {${def.choices.join('|')}}` : '';
      lines.push(`  --${def.name}${alias} <${def.type}>${choices}${shownDefault}`);
      lines.push(`      ${def.description}`);
    }
    lines.push('');
  }
  lines.push(
    'Flags:',
    '  --json      print one JSON document to stdout (logs go to stderr)',
    '  --verbose   debug logs',
    '  -h, --help  this help',
  );
  return lines.join('\n');
}
