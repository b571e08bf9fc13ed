/** Parsers for the string forms of workload inputs (NAME=value pairs, int ranges, commands). */
import type { InputValue } from '../config/define.js';
import { UserError } from '../errors.js';

/**
 * `NAME=value` entries (a list, or one comma/newline-separated string). With `allowBare`, an
 * entry without `=` yields `[null, value]` (a file holding all inputs).
 */
export function parsePairs(
  value: InputValue | undefined,
  input: string,
  allowBare: boolean,
): [string | null, string][] {
  if (value === undefined || value === '') return [];
  const entries = (Array.isArray(value) ? value : String(value).split(/[\n,]/))
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq < 0) {
      if (allowBare) return [null, entry];
      throw new UserError(`"${entry}" is not NAME=VALUE`, { input });
    }
    const name = entry.slice(0, eq).trim();
    const rest = entry.slice(eq + 1).trim();
    if (!name || !rest) throw new UserError(`"${entry}" is not NAME=VALUE`, { input });
    return [name, rest];
  });
}

/** `"low,high"` → [low, high) with integers low < high. */
export function parseIntRange(value: InputValue): [number, number] {
  const parts = (Array.isArray(value) ? value.join(',') : String(value)).split(/[,:]/).map((s) => s.trim());
  const [low, high] = parts.map(Number);
  if (parts.length !== 2 || !Number.isSafeInteger(low) || !Number.isSafeInteger(high) || low >= high) {
    throw new UserError(
      `"${String(value)}" is not low,high with integers low < high (high excluded), e.g. 0,30522`,
      { input: 'int-range' },
    );
  }
  return [low, high];
}

/**
 * A command as an argument array. Accepts a JSON array string (`["python","run.py"]`) or a list
 * of arguments; a plain string is refused, because there is no shell to split it.
 */
export function parseCommand(value: InputValue | undefined, input: string): string[] | null {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  let args: unknown = value;
  if (
    typeof value === 'string' ||
    (Array.isArray(value) && value.length === 1 && value[0].trim().startsWith('['))
  ) {
    const text = (Array.isArray(value) ? value[0] : value).trim();
    try {
      args = JSON.parse(text);
    } catch {
      throw new UserError(
        `"${text}" is not a JSON array of arguments; write e.g. ["python", "bench.py", "--model", "base.pt"] (no shell is used)`,
        { input },
      );
    }
  }
  if (
    !Array.isArray(args) ||
    args.length === 0 ||
    !args.every((a) => typeof a === 'string') ||
    args[0] === ''
  ) {
    throw new UserError(
      `"${JSON.stringify(value)}" must be a non-empty array of string arguments, e.g. ["python", "bench.py"]`,
      { input },
    );
  }
  return args as string[];
}
