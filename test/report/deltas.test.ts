import { describe, expect, it } from 'vitest';
import { exactDelta, measuredDelta, toleranceDelta } from '../../src/report/deltas.js';

describe('exactDelta', () => {
  it.each([
    { what: 'reduction', input: [100, 40], expected: { ratio: 0.4, verdict: 'improved' } },
    { what: 'increase', input: [100, 120], expected: { ratio: 1.2, verdict: 'regressed' } },
    { what: 'equal', input: [7, 7], expected: { ratio: 1, verdict: 'no-significant-change' } },
    {
      what: 'zero base, zero pruned',
      input: [0, 0],
      expected: { ratio: 1, verdict: 'no-significant-change' },
    },
    { what: 'zero base', input: [0, 3], expected: { ratio: null, verdict: 'regressed' } },
    { what: 'missing', input: [null, 3], expected: { ratio: null, verdict: 'not-measured' } },
  ])('$what', ({ input, expected }) => {
    const d = exactDelta(input[0], input[1], 'MACs');
    expect(d.ratio === null ? null : Number(d.ratio.toFixed(12))).toEqual(expected.ratio);
    expect(d.verdict).toBe(expected.verdict);
    expect(d.ci).toBeUndefined();
    if (d.ratio !== null) expect(d.change).toBeCloseTo(d.ratio - 1, 12);
  });
});

describe('measuredDelta', () => {
  it.each([
    { what: 'interval below 1', ci: [0.55, 0.62] as [number, number], expected: 'improved' },
    { what: 'interval contains 1', ci: [0.97, 1.03] as [number, number], expected: 'no-significant-change' },
    { what: 'interval above 1', ci: [1.05, 1.2] as [number, number], expected: 'regressed' },
  ])('is significance-aware: $what', ({ ci, expected }) => {
    const d = measuredDelta(2, 1.2, { ratio: 0.6, ci }, 'J', 'estimated');
    expect(d.verdict).toBe(expected);
    expect(d.ci).toEqual(ci);
    expect(d.method).toBe('estimated');
  });

  it('shows the ratio of the figures shown, with the per-round interval', () => {
    const d = measuredDelta(40, 12.5, { ratio: 0.299, ci: [0.254, 0.548] }, 'mJ', 'estimated');
    expect(d.ratio).toBeCloseTo(0.3125, 12);
    expect(d.change).toBeCloseTo(-0.6875, 12);
    expect(d.ci).toEqual([0.254, 0.548]);
  });

  it('flips the verdict when higher is better', () => {
    expect(measuredDelta(100, 150, { ratio: 1.5, ci: [1.4, 1.6] }, '/s', 'measured', false).verdict).toBe(
      'improved',
    );
  });

  it('is not-measured without an interval', () => {
    expect(measuredDelta(1, 2, null, 'J', 'measured').verdict).toBe('not-measured');
  });
});

describe('toleranceDelta', () => {
  it('ignores changes the sampling cannot resolve', () => {
    expect(toleranceDelta(1000, 1050, 0.1, 'bytes').verdict).toBe('no-significant-change');
    expect(toleranceDelta(1000, 500, 0.1, 'bytes').verdict).toBe('improved');
    expect(toleranceDelta(null, 500, 0.1, 'bytes').verdict).toBe('not-measured');
    // 2.5 MiB vs 2.2 MiB is −12%, but within a 0.5 MiB resolution.
    expect(toleranceDelta(2.5 * 2 ** 20, 2.2 * 2 ** 20, 0.1, 'bytes', true, 2 ** 19).verdict).toBe(
      'no-significant-change',
    );
    expect(toleranceDelta(2.5 * 2 ** 20, 1.2 * 2 ** 20, 0.1, 'bytes', true, 2 ** 19).verdict).toBe(
      'improved',
    );
  });
});
