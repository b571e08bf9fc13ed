import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseInputArg } from '../../src/model/input-arg.js';

describe('parseInputArg', () => {
  const good: { what: string; specs: string[]; expected: Record<string, number[]> }[] = [
    { what: 'full shape', specs: ['input=1x3x224x224'], expected: { input: [1, 3, 224, 224] } },
    {
      what: 'dim binding and a second input',
      specs: ['batch=8', 'mask=8X128'],
      expected: { batch: [8], mask: [8, 128] },
    },
    { what: 'commas and spaces', specs: [' ids = 2,16 '], expected: { ids: [2, 16] } },
    { what: 'a name with = in it keeps all but the last', specs: ['a=b=4'], expected: { 'a=b': [4] } },
    { what: 'none', specs: [], expected: {} },
  ];
  it.each(good)('$what', ({ specs, expected }) => expect(parseInputArg(specs)).toEqual(expected));

  const bad: { what: string; spec: string[]; message: RegExp }[] = [
    { what: 'no dims', spec: ['input'], message: /'input' is not NAME=D1xD2/ },
    { what: 'trailing x', spec: ['input=1x'], message: /'input=1x' is not NAME=D1xD2/ },
    { what: 'negative dim', spec: ['input=1x-3'], message: /is not NAME=D1xD2/ },
    { what: 'no name', spec: ['=1x3'], message: /is not NAME=D1xD2/ },
    { what: 'given twice', spec: ['x=1', 'x=2'], message: /'x' is given twice/ },
  ];
  it.each(bad)('rejects $what', ({ spec, message }) => {
    let error: unknown;
    try {
      parseInputArg(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).input).toBe('input');
    expect((error as UserError).message).toMatch(message);
  });
});
