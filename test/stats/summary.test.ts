import { describe, expect, it } from 'vitest';
import { countTukeyOutliers, median, summarize } from '../../src/stats/summary.js';
import { medianInPlace } from '../../src/stats/bootstrap.js';
import { seededRandom } from '../../src/stats/prng.js';

describe('summarize', () => {
  it('gives percentiles, spread and outlier count of known samples', () => {
    const samples = [...Array.from({ length: 99 }, (_, i) => i + 1), 1000];
    const s = summarize(samples);
    expect(s.n).toBe(100);
    expect(s.p50).toBe(50.5);
    expect(s.p90).toBeCloseTo(90.1, 9); // linear interpolation between order statistics
    expect(s.p99).toBeCloseTo(108.01, 9);
    expect(s.min).toBe(1);
    expect(s.max).toBe(1000);
    expect(s.mean).toBeCloseTo((99 * 50 + 1000) / 100, 10);
    expect(s.cv).toBeCloseTo(s.stddev / s.mean, 12);
    expect(s.outliers).toBe(1); // reported, and still in the mean
  });

  it.each([
    { what: 'one sample', input: [5], expected: { p50: 5, stddev: 0, cv: 0, outliers: 0 } },
    { what: 'constant', input: [2, 2, 2, 2, 2], expected: { p50: 2, stddev: 0, cv: 0, outliers: 0 } },
    { what: 'unsorted input', input: [3, 1, 2], expected: { p50: 2, stddev: 1, cv: 0.5, outliers: 0 } },
  ])('$what', ({ input, expected }) => {
    expect(summarize(input)).toMatchObject(expected);
  });

  it('refuses an empty sample', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });

  it('counts outliers on both fences', () => {
    expect(countTukeyOutliers([-100, 1, 2, 3, 4, 5, 6, 7, 100])).toBe(2);
  });
});

describe('median', () => {
  it('agrees with sorting for odd and even lengths (quickselect too)', () => {
    const random = seededRandom(3);
    for (const n of [1, 2, 3, 10, 11, 101, 1000]) {
      const values = Array.from({ length: n }, () => Math.round(random() * 50));
      const sorted = [...values].sort((a, b) => a - b);
      const expected = n % 2 ? sorted[n >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      expect(median(values)).toBe(expected);
      expect(medianInPlace(Float64Array.from(values))).toBe(expected);
    }
  });
});
