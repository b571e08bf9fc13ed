/**
 * `--input NAME=D1xD2x...` values: an input's full shape (`input=1x3x224x224`) or the size of a
 * symbolic dim (`batch=8`).
 */
import { UserError } from '../errors.js';

const DIMS = /^\d+(?:[x,]\d+)*$/;

/** Parses `--input` specs into `{ name: dims }`; throws UserError (input `input`) quoting a bad one. */
export function parseInputArg(specs: string[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const raw of specs) {
    const spec = raw.trim();
    const eq = spec.lastIndexOf('=');
    const name = eq > 0 ? spec.slice(0, eq).trim() : '';
    const dims =
      eq > 0
        ? spec
            .slice(eq + 1)
            .trim()
            .toLowerCase()
        : '';
    if (!name || !DIMS.test(dims)) {
      throw new UserError(
        `'${raw}' is not NAME=D1xD2x... Give an input name and its dims, e.g. input=1x3x224x224, or a symbolic dim and its size, e.g. batch=8.`,
        { input: 'input' },
      );
    }
    const values = dims.split(/[x,]/).map(Number);
    if (values.some((d) => !Number.isSafeInteger(d))) {
      throw new UserError(`'${raw}' has a dim too large to be exact.`, { input: 'input' });
    }
    if (Object.hasOwn(out, name)) {
      throw new UserError(
        `'${name}' is given twice ('${name}=${out[name].join('x')}' and '${raw}'). Give each input once.`,
        {
          input: 'input',
        },
      );
    }
    out[name] = values;
  }
  return out;
}
