import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { gateInputs, readGateOptions } from '../../src/gate/inputs.js';

describe('gateInputs', () => {
  it('declares a warn- twin for every threshold, kebab-case with units', () => {
    const names = gateInputs.map((d) => d.name);
    for (const n of names.filter((x) => /^(min|max)-/.test(x))) expect(names).toContain(`warn-${n}`);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(names).toEqual(
      expect.arrayContaining(['min-energy-savings-pct', 'max-co2e-per-1m-g', 'fail-on-regression']),
    );
  });
});

describe('readGateOptions', () => {
  const cases = [
    {
      what: 'defaults',
      input: {},
      expected: { failOnRegression: true, minEnergySavingsPct: {}, maxSavingsRegressionPct: {} },
    },
    {
      what: 'min pair',
      input: { 'min-energy-savings-pct': 20, 'warn-min-energy-savings-pct': 30 },
      expected: { minEnergySavingsPct: { fail: 20, warn: 30 } },
    },
    {
      what: 'max pair, equal levels',
      input: { 'max-latency-regression-pct': 5, 'warn-max-latency-regression-pct': 5 },
      expected: { maxLatencyRegressionPct: { fail: 5, warn: 5 } },
    },
    { what: 'advisory', input: { 'fail-on-regression': false }, expected: { failOnRegression: false } },
    {
      what: 'dense MACs',
      input: { 'gate-macs-kind': 'dense', 'min-macs-reduction-pct': 10 },
      expected: { macsKind: 'dense', minMacsReductionPct: { fail: 10 } },
    },
  ];
  it.each(cases)('$what', ({ input, expected }) => {
    expect(readGateOptions(input)).toMatchObject(expected);
  });

  const bad = [
    {
      what: 'warn laxer than fail (min)',
      input: { 'min-energy-savings-pct': 30, 'warn-min-energy-savings-pct': 20 },
      names: ['warn-min-energy-savings-pct', 'min-energy-savings-pct', '20', '30'],
    },
    {
      what: 'warn laxer than fail (max)',
      input: { 'max-co2e-per-1m-g': 100, 'warn-max-co2e-per-1m-g': 200 },
      names: ['warn-max-co2e-per-1m-g', 'max-co2e-per-1m-g', '200', '100'],
    },
    {
      what: 'not a number',
      input: { 'max-accuracy-drop-pct': 'lots' },
      names: ['max-accuracy-drop-pct', 'lots'],
    },
    { what: 'bad macs kind', input: { 'gate-macs-kind': 'flops' }, names: ['gate-macs-kind', 'flops'] },
  ];
  it.each(bad)('rejects $what naming the inputs', ({ input, names }) => {
    let error: unknown;
    try {
      readGateOptions(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    for (const n of names) expect((error as Error).message).toContain(n);
  });
});
