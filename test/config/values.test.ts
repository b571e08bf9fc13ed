import { describe, expect, it } from 'vitest';
import type { InputDef } from '../../src/config/define.js';
import { parseValue, resolveInputValues } from '../../src/config/values.js';
import { UserError } from '../../src/errors.js';

const defs: InputDef[] = [
  { name: 'duration', type: 'number', description: 'seconds', default: 20, min: 1 },
  { name: 'intra-op-threads', type: 'integer', description: 'threads', min: 0 },
  { name: 'comment', type: 'boolean', description: 'post', default: true },
  { name: 'batch-sizes', type: 'list', description: 'sizes', default: ['1'] },
  { name: 'task', type: 'enum', choices: ['classification', 'regression'], description: 'task' },
  { name: 'grid-zone', type: 'string', description: 'zone' },
];
const def = (name: string) => defs.find((d) => d.name === name)!;

describe('parseValue', () => {
  it.each([
    { what: 'number from string', input: ['duration', ' 12.5 '], expected: 12.5 },
    { what: 'integer', input: ['intra-op-threads', '4'], expected: 4 },
    { what: 'boolean true words', input: ['comment', 'yes'], expected: true },
    { what: 'boolean false', input: ['comment', 'false'], expected: false },
    { what: 'boolean from YAML', input: ['comment', false], expected: false },
    { what: 'list, comma-separated', input: ['batch-sizes', '1, 8,32'], expected: ['1', '8', '32'] },
    { what: 'list, multi-line (action input)', input: ['batch-sizes', '1\n8\n'], expected: ['1', '8'] },
    { what: 'list from YAML array', input: ['batch-sizes', [1, 8]], expected: ['1', '8'] },
    {
      what: 'list keeps a JSON array whole',
      input: ['batch-sizes', '["python", "a,b.py"]'],
      expected: ['["python", "a,b.py"]'],
    },
    { what: 'enum', input: ['task', 'regression'], expected: 'regression' },
    { what: 'string trimmed', input: ['grid-zone', ' DE '], expected: 'DE' },
  ])('$what', ({ input, expected }) => {
    expect(parseValue(def(input[0] as string), input[1], null)).toEqual(expected);
  });

  it.each([
    { what: 'not a number', input: ['duration', 'ten'], message: 'duration: expected a number, got "ten"' },
    { what: 'below min', input: ['duration', '0'], message: 'duration: expected a number ≥ 1, got "0"' },
    { what: 'fraction for integer', input: ['intra-op-threads', '1.5'], message: 'expected a whole number' },
    {
      what: 'bad boolean',
      input: ['comment', 'maybe'],
      message: 'comment: expected true or false, got "maybe"',
    },
    {
      what: 'bad enum',
      input: ['task', 'ranking'],
      message: 'task: expected one of classification, regression, got "ranking"',
    },
  ])('rejects $what with a message naming the input', ({ input, message }) => {
    const run = () => parseValue(def(input[0] as string), input[1], null);
    expect(run).toThrow(UserError);
    expect(run).toThrow(message);
  });
});

describe('resolveInputValues', () => {
  it('takes explicit over file over default, and leaves absent inputs out', () => {
    const values = resolveInputValues(defs, {
      explicit: { duration: '5', 'grid-zone': '' },
      file: { duration: 99, 'grid-zone': 'FR', comment: false },
      filePath: '.github/carbon-delta.yml',
    });
    expect(values).toEqual({ duration: 5, 'grid-zone': 'FR', comment: false, 'batch-sizes': ['1'] });
    expect('task' in values).toBe(false);
  });

  it('rejects unknown keys in the config file, naming the file', () => {
    expect(() =>
      resolveInputValues(defs, { explicit: {}, file: { 'grid-zon': 'DE' }, filePath: 'cfg.yml' }),
    ).toThrow(/config file cfg.yml: unknown key "grid-zon"/);
  });

  it('says where a bad value came from', () => {
    expect(() =>
      resolveInputValues(defs, { explicit: {}, file: { duration: 'x' }, filePath: 'cfg.yml' }),
    ).toThrow(/from config file cfg.yml/);
  });
});
