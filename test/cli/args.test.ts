import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';
import type { InputDef } from '../../src/config/define.js';

const defs: InputDef[] = [
  { name: 'base-model', type: 'path', description: 'base' },
  { name: 'output-dir', type: 'path', description: 'out' },
  { name: 'input', type: 'list', description: 'shapes' },
  { name: 'comment', type: 'boolean', description: 'comment' },
  { name: 'duration', type: 'number', description: 'seconds' },
];

describe('parseCliArgs', () => {
  it.each([
    {
      what: 'aliases',
      input: ['--base', 'a.onnx', '--out', 'o'],
      expected: { 'base-model': 'a.onnx', 'output-dir': 'o' },
    },
    {
      what: 'repeated list flag',
      input: ['--input', 'a=1x3', '--input=b=1x8'],
      expected: { input: ['a=1x3', 'b=1x8'] },
    },
    { what: 'bare boolean', input: ['--comment'], expected: { comment: 'true' } },
    { what: 'explicit boolean', input: ['--comment=false'], expected: { comment: 'false' } },
    { what: 'full name', input: ['--duration', '5'], expected: { duration: '5' } },
  ])('$what', ({ input, expected }) => {
    expect(parseCliArgs(input, defs).inputs).toEqual(expected);
  });

  it('separates CLI flags and positionals', () => {
    const parsed = parseCliArgs(['model.onnx', '--json'], defs);
    expect(parsed.flags.json).toBe(true);
    expect(parsed.positionals).toEqual(['model.onnx']);
  });

  it('rejects unknown flags with a hint', () => {
    expect(() => parseCliArgs(['--grid-zon', 'DE'], defs)).toThrow(
      /command line: Unknown option '--grid-zon'.*--help/,
    );
  });
});
