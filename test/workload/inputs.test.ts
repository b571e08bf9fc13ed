import { describe, expect, it } from 'vitest';
import type { InputDef, InputValues } from '../../src/config/define.js';
import { UserError } from '../../src/errors.js';
import { readWorkloadOptions, workloadInputs } from '../../src/workload/inputs.js';

describe('workloadInputs', () => {
  it('are kebab-case, unique, described, and their defaults read back cleanly', () => {
    const names = workloadInputs.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const def of workloadInputs) {
      expect(def.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(def.description.length).toBeGreaterThan(20);
    }
    const defs: readonly InputDef[] = workloadInputs;
    const defaults = Object.fromEntries(
      defs.filter((d) => d.default !== undefined).map((d) => [d.name, d.default]),
    );
    expect(readWorkloadOptions(defaults)).toEqual(readWorkloadOptions({}));
  });
});

describe('readWorkloadOptions', () => {
  it('has sensible defaults', () => {
    expect(readWorkloadOptions({})).toMatchObject({
      mode: 'onnx',
      executionProvider: 'cpu',
      allowProviderFallback: false,
      intraOpThreads: 0,
      graphOptimizationLevel: 'all',
      batchSizes: [1],
      durationS: 20,
      targetCiPct: 2,
      confidence: 0.95,
      minWindowS: 0.2,
      idleDurationS: 2,
      freshSessions: 'auto',
      intRange: [0, 100],
      inputFiles: [],
      inputMap: {},
      baseCommand: null,
      prunedCommand: null,
    });
  });

  it.each([
    {
      what: 'batch list',
      input: { 'batch-sizes': ['1', '8', '8', '32'] },
      expected: { batchSizes: [1, 8, 32] },
    },
    { what: 'comma batch string', input: { 'batch-sizes': ['1,4'] }, expected: { batchSizes: [1, 4] } },
    {
      what: 'provider case',
      input: { 'execution-provider': 'CUDA' },
      expected: { executionProvider: 'cuda' },
    },
    { what: 'int range', input: { 'int-range': '0,30522' }, expected: { intRange: [0, 30522] } },
    {
      what: 'input files',
      input: { 'input-files': ['ids=a.npy', 'all.npz'] },
      expected: {
        inputFiles: [
          { name: 'ids', path: 'a.npy' },
          { name: null, path: 'all.npz' },
        ],
      },
    },
    { what: 'input map', input: { 'input-map': ['input=x'] }, expected: { inputMap: { input: 'x' } } },
    {
      what: 'commands as JSON',
      input: { 'base-command': '["python","b.py"]', 'pruned-command': '["python","p.py"]' },
      expected: { mode: 'command', baseCommand: ['python', 'b.py'], prunedCommand: ['python', 'p.py'] },
    },
    {
      what: 'command as list',
      input: {
        'base-command': ['node', 'x.js'] as unknown as string,
        'pruned-command': ['node', 'y.js'] as unknown as string,
      },
      expected: { baseCommand: ['node', 'x.js'] },
    },
  ])('$what', ({ input, expected }) => {
    expect(readWorkloadOptions(input as InputValues)).toMatchObject(expected);
  });

  it.each([
    {
      what: 'zero batch',
      input: { 'batch-sizes': ['0'] },
      message: /^batch-sizes: "0" is not a positive integer/,
    },
    {
      what: 'bad provider text',
      input: { 'execution-provider': 'cuda; rm' },
      message: /^execution-provider: "cuda; rm"/,
    },
    {
      what: 'bad level',
      input: { 'graph-optimization-level': 'max' },
      message: /^graph-optimization-level: "max" is not one of/,
    },
    {
      what: 'one command only',
      input: { 'base-command': '["a"]' },
      message: /^pruned-command: command mode needs both/,
    },
    {
      what: 'shell string command',
      input: { 'base-command': 'python run.py', 'pruned-command': '["a"]' },
      message: /^base-command: "python run.py" is not a JSON array/,
    },
    {
      what: 'empty command array',
      input: { 'base-command': '[]', 'pruned-command': '["a"]' },
      message: /^base-command: .*non-empty array/,
    },
    { what: 'int range reversed', input: { 'int-range': '10,5' }, message: /^int-range: "10,5"/ },
    { what: 'confidence 1', input: { confidence: 1 }, message: /^confidence: 1 is not in \(0, 1\)/ },
    { what: 'negative duration', input: { duration: -1 }, message: /^duration: -1 must be greater than 0/ },
    {
      what: 'fractional threads',
      input: { 'intra-op-threads': 1.5 },
      message: /^intra-op-threads: 1.5 must be an integer/,
    },
    {
      what: 'input map without =',
      input: { 'input-map': ['x'] },
      message: /^input-map: "x" is not NAME=VALUE/,
    },
    {
      what: 'fresh sessions',
      input: { 'fresh-sessions': 'sometimes' },
      message: /^fresh-sessions: "sometimes"/,
    },
  ])('$what → UserError naming the input', ({ input, message }) => {
    let error: unknown;
    try {
      readWorkloadOptions(input as InputValues);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
  });
});
