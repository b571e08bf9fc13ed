import { describe, expect, it } from 'vitest';
import { bootstrapRatioCI } from '../../src/stats/bootstrap.js';
import { binomialHalfCdf, medianCI } from '../../src/stats/median-ci.js';
import { normalGenerator, seededRandom } from '../../src/stats/prng.js';
import { relativeHalfWidth, verdictFromCI } from '../../src/stats/verdict.js';

const noisy = (n: number, centre: number, seed: number) => {
  const normal = normalGenerator(seededRandom(seed));
  return Array.from({ length: n }, () => centre * (1 + 0.05 * normal()));
};

describe('bootstrapRatioCI', () => {
  it('is deterministic for a seed and brackets the ratio', () => {
    const base = noisy(200, 10, 1);
    const pruned = noisy(200, 7, 2);
    const a = bootstrapRatioCI(base, pruned, { seed: 9 });
    expect(bootstrapRatioCI(base, pruned, { seed: 9 })).toEqual(a);
    expect(a.ratio).toBeGreaterThan(0.65);
    expect(a.ratio).toBeLessThan(0.75);
    expect(a.ci[0]).toBeLessThan(a.ratio);
    expect(a.ci[1]).toBeGreaterThan(a.ratio);
    expect(verdictFromCI(a.ci, true)).toBe('improved');
  });

  it.each([
    { what: 'mean statistic', opts: { statistic: 'mean' as const } },
    { what: 'paired resampling', opts: { paired: true } },
  ])('$what gives an interval around the true ratio 1.2', ({ opts }) => {
    const base = noisy(300, 5, 4);
    const pruned = base.map((b) => b * 1.2);
    const { ratio, ci } = bootstrapRatioCI(base, pruned, opts);
    expect(ratio).toBeCloseTo(1.2, 1);
    expect(ci[0]).toBeLessThanOrEqual(1.2 + 1e-9);
    expect(ci[1]).toBeGreaterThanOrEqual(1.2 - 1e-9);
  });

  it('a higher confidence gives a wider interval', () => {
    const base = noisy(50, 10, 5);
    const pruned = noisy(50, 10, 6);
    const narrow = bootstrapRatioCI(base, pruned, { confidence: 0.8 });
    const wide = bootstrapRatioCI(base, pruned, { confidence: 0.99 });
    expect(wide.ci[1] - wide.ci[0]).toBeGreaterThan(narrow.ci[1] - narrow.ci[0]);
  });

  it.each([
    { what: 'empty base', base: [], pruned: [1], message: /empty/ },
    {
      what: 'paired lengths differ',
      base: [1, 2],
      pruned: [1],
      message: /differ in length/,
      opts: { paired: true },
    },
    { what: 'bad confidence', base: [1], pruned: [1], message: /confidence/, opts: { confidence: 1.5 } },
  ])('refuses $what', ({ base, pruned, message, opts }) => {
    expect(() => bootstrapRatioCI(base, pruned, opts)).toThrow(message);
  });
});

describe('medianCI', () => {
  it.each([
    { n: 5, confidence: 0.95, ci: [1, 5], exact: false },
    { n: 6, confidence: 0.95, ci: [1, 6], exact: true },
    { n: 10, confidence: 0.95, ci: [2, 9], exact: true },
    { n: 10, confidence: 0.99, ci: [1, 10], exact: true },
    { n: 20, confidence: 0.95, ci: [6, 15], exact: true },
  ])('n=$n at $confidence → $ci', ({ n, confidence, ci, exact }) => {
    const values = Array.from({ length: n }, (_, i) => n - i); // order must not matter
    const r = medianCI(values, confidence);
    expect(r.ci).toEqual(ci);
    expect(r.exact).toBe(exact);
    if (exact) expect(r.coverage).toBeGreaterThanOrEqual(confidence);
  });

  it('covers the true median at least at the nominal rate (simulation)', () => {
    const random = seededRandom(11);
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const values = Array.from({ length: 12 }, () => -Math.log(1 - random())); // exponential, median ln 2
      const { ci } = medianCI(values, 0.9);
      if (ci[0] <= Math.LN2 && Math.LN2 <= ci[1]) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.88);
  });

  it('binomial cdf matches hand values', () => {
    expect(binomialHalfCdf(10, 1)).toBeCloseTo(11 / 1024, 12);
    expect(binomialHalfCdf(4, 4)).toBe(1);
    expect(binomialHalfCdf(2000, 1000)).toBeGreaterThan(0.5);
  });
});

describe('verdictFromCI', () => {
  it.each([
    { ci: [0.5, 0.9] as [number, number], lower: true, expected: 'improved' },
    { ci: [0.5, 0.9] as [number, number], lower: false, expected: 'regressed' },
    { ci: [1.1, 1.3] as [number, number], lower: true, expected: 'regressed' },
    { ci: [1.1, 1.3] as [number, number], lower: false, expected: 'improved' },
    { ci: [0.9, 1.1] as [number, number], lower: true, expected: 'no-significant-change' },
    { ci: [1, 1.1] as [number, number], lower: true, expected: 'no-significant-change' },
    { ci: undefined, lower: true, expected: 'not-measured' },
    { ci: [Number.NaN, 1] as [number, number], lower: true, expected: 'not-measured' },
  ])('$ci lowerIsBetter=$lower → $expected', ({ ci, lower, expected }) => {
    expect(verdictFromCI(ci, lower)).toBe(expected);
  });

  it('relative half-width is the larger side', () => {
    expect(relativeHalfWidth(1, [0.97, 1.01])).toBeCloseTo(0.03, 12);
  });
});
