/**
 * Turns raw input strings (action inputs, CLI flags, YAML values) into typed `InputValues`,
 * one rule per input type. Precedence: explicit > config file > default. Every error names the
 * input and quotes the value.
 */
import { UserError } from '../errors.js';
import type { InputDef, InputValue, InputValues } from './define.js';

/** A raw value as a source gives it: a string (action, CLI), a list (repeated CLI flag), or YAML scalars/arrays. */
export type RawValue = string | number | boolean | string[] | unknown;

export interface RawSources {
  /** Explicit inputs (action inputs, CLI flags). Empty strings mean "not given". */
  explicit: Record<string, RawValue>;
  /** Keys of the YAML config file, when one was read. */
  file?: Record<string, unknown>;
  /** Where the file came from, for messages. */
  filePath?: string;
}

export function resolveInputValues(defs: readonly InputDef[], sources: RawSources): InputValues {
  const known = new Set(defs.map((d) => d.name));
  if (sources.file) {
    const unknown = Object.keys(sources.file).filter((k) => !known.has(k));
    if (unknown.length > 0) {
      throw new UserError(
        `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}. ` +
          `Valid keys are the action's input names (see action.yml or carbon-delta --help).`,
        { input: `config file ${sources.filePath ?? ''}`.trim() },
      );
    }
  }
  const values: Record<string, InputValue | undefined> = {};
  for (const def of defs) {
    const explicit = sources.explicit[def.name];
    const fromFile = sources.file?.[def.name];
    if (isGiven(explicit)) values[def.name] = parseValue(def, explicit, null);
    else if (isGiven(fromFile))
      values[def.name] = parseValue(def, fromFile, `config file ${sources.filePath ?? ''}`.trim());
    else if (def.default !== undefined) values[def.name] = def.default;
  }
  return values;
}

function isGiven(raw: RawValue): boolean {
  if (raw === undefined || raw === null) return false;
  if (typeof raw === 'string') return raw.trim() !== '';
  if (Array.isArray(raw)) return raw.length > 0;
  return true;
}

/** Parse one raw value by its input's type. Exported for tests. */
export function parseValue(def: InputDef, raw: RawValue, where: string | null): InputValue {
  const shown = JSON.stringify(raw);
  // Say where the value came from only when it is not the flag/input the message names.
  const from = where ? ` (from ${where})` : '';
  const fail = (expected: string): never => {
    throw new UserError(`expected ${expected}, got ${shown}${from}.`, { input: def.name });
  };
  switch (def.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const text = String(raw).trim().toLowerCase();
      if (['true', 'yes', '1', 'on'].includes(text)) return true;
      if (['false', 'no', '0', 'off'].includes(text)) return false;
      return fail('true or false');
    }
    case 'number':
    case 'integer': {
      const text = typeof raw === 'number' ? String(raw) : String(raw).trim();
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) return fail('a number');
      if (def.type === 'integer' && !Number.isInteger(value)) return fail('a whole number');
      if (def.min !== undefined && value < def.min) return fail(`a number ≥ ${def.min}`);
      if (def.max !== undefined && value > def.max) return fail(`a number ≤ ${def.max}`);
      return value;
    }
    case 'list': {
      if (Array.isArray(raw)) return raw.flatMap((item) => splitList(String(item)));
      if (typeof raw === 'string' || typeof raw === 'number') return splitList(String(raw));
      return fail('a list (one item per line or comma-separated)');
    }
    case 'enum': {
      const text = String(raw).trim();
      if (!def.choices?.includes(text)) return fail(`one of ${def.choices?.join(', ')}`);
      return text;
    }
    case 'string':
    case 'path': {
      if (typeof raw === 'object') return fail('a single value');
      return String(raw).trim();
    }
  }
}

/** Lists arrive as multi-line action inputs, comma-separated flags, or YAML arrays. */
function splitList(text: string): string[] {
  const trimmed = text.trim();
  // A JSON array (e.g. a command as ["python", "run.py"]) is kept whole.
  if (trimmed.startsWith('[')) return [trimmed];
  return trimmed
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
