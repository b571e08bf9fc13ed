import { describe, expect, it } from 'vitest';
import { breakEven, computeLifetime } from '../../src/carbon/lifetime.js';

describe('breakEven', () => {
  const cases = [
    {
      what: 'extra training paid back',
      extraG: 1000,
      savingG: 0.5,
      lifetime: null,
      expected: { status: 'pays-back', queries: 2000, withinLifetime: null },
    },
    {
      what: 'rounds up to whole queries',
      extraG: 1000,
      savingG: 0.3,
      lifetime: 5000,
      expected: { status: 'pays-back', queries: 3334, withinLifetime: true },
    },
    {
      what: 'not within the lifetime',
      extraG: 1000,
      savingG: 0.5,
      lifetime: 1999,
      expected: { status: 'pays-back', queries: 2000, withinLifetime: false },
    },
    {
      what: 'exactly at the lifetime',
      extraG: 1000,
      savingG: 0.5,
      lifetime: 2000,
      expected: { status: 'pays-back', queries: 2000, withinLifetime: true },
    },
    {
      what: 'no extra training: from the first query',
      extraG: 0,
      savingG: 0.5,
      lifetime: 0,
      expected: { status: 'pays-back', queries: 0, withinLifetime: true },
    },
    {
      what: 'cheaper training and no per-query change',
      extraG: -10,
      savingG: 0,
      lifetime: null,
      expected: { status: 'pays-back', queries: 0 },
    },
    {
      what: 'negative savings: never',
      extraG: 1000,
      savingG: -0.1,
      lifetime: 1e9,
      expected: { status: 'never' },
    },
    { what: 'zero savings: never', extraG: 1000, savingG: 0, lifetime: 1e9, expected: { status: 'never' } },
    {
      what: 'cheaper training, more per query: overtaken',
      extraG: -100,
      savingG: -0.5,
      lifetime: 100,
      expected: { status: 'overtaken', queries: 200, withinLifetime: false },
    },
    {
      what: 'no difference at all',
      extraG: 0,
      savingG: 0,
      lifetime: 10,
      expected: { status: 'no-difference' },
    },
  ];
  it.each(cases)('$what', ({ extraG, savingG, lifetime, expected }) => {
    expect(breakEven(extraG, savingG, lifetime)).toMatchObject(expected);
  });

  it('says why it never pays back', () => {
    const more = breakEven(1, -1, null);
    const same = breakEven(1, 0, null);
    expect(more.status === 'never' && more.reason).toMatch(/emits more CO2e per query/);
    expect(same.status === 'never' && same.reason).toMatch(/saves no CO2e per query/);
  });
});

describe('computeLifetime', () => {
  it('total = training + per-query × lifetime queries, for both models', () => {
    const s = computeLifetime({
      perQueryCo2eG: { base: 0.02, pruned: 0.012 },
      basis: 'total',
      baseTrainingCo2eKg: 100,
      pruningRunCo2eKg: 8,
      lifetimeQueries: 5e6,
      lifetimeQueriesFrom: 'lifetime-queries',
    });
    expect(s.base).toEqual({
      trainingCo2eKg: 100,
      perQueryCo2eG: 0.02,
      inferenceCo2eKg: 100,
      totalCo2eKg: 200,
    });
    expect(s.pruned.trainingCo2eKg).toBe(108);
    expect(s.pruned.inferenceCo2eKg).toBeCloseTo(60, 9);
    expect(s.pruned.totalCo2eKg).toBeCloseTo(168, 9);
    expect(s.savingsCo2eKg).toBeCloseTo(32, 9);
    expect(s.savingsPerQueryCo2eG).toBeCloseTo(0.008, 12);
    // 8 kg = 8000 g / 0.008 g per query = 1e6 queries
    expect(s.breakEven).toEqual({ status: 'pays-back', queries: 1_000_000, withinLifetime: true });
    expect(s.pruningRunCo2eKg).toBe(8);
  });

  it('zero queries: totals are the training alone, savings negative', () => {
    const s = computeLifetime({
      perQueryCo2eG: { base: 1, pruned: 0.5 },
      basis: 'total',
      baseTrainingCo2eKg: 10,
      pruningRunCo2eKg: 2,
      lifetimeQueries: 0,
    });
    expect(s.base.totalCo2eKg).toBe(10);
    expect(s.pruned.totalCo2eKg).toBe(12);
    expect(s.savingsCo2eKg).toBe(-2);
    expect(s.breakEven).toEqual({ status: 'pays-back', queries: 4000, withinLifetime: false });
  });

  it('negative savings per query: never pays back, lifetime savings negative', () => {
    const s = computeLifetime({
      perQueryCo2eG: { base: 0.5, pruned: 0.6 },
      basis: 'active',
      baseTrainingCo2eKg: 0,
      pruningRunCo2eKg: 1,
      lifetimeQueries: 1e6,
    });
    expect(s.basis).toBe('active');
    expect(s.savingsCo2eKg).toBeCloseTo(-101, 9);
    expect(s.breakEven.status).toBe('never');
  });

  it('without lifetime queries: break-even only, totals null', () => {
    const s = computeLifetime({
      perQueryCo2eG: { base: 2, pruned: 1 },
      basis: 'total',
      baseTrainingCo2eKg: 5,
      pruningRunCo2eKg: 1,
    });
    expect(s.lifetimeQueries).toBeNull();
    expect(s.base.totalCo2eKg).toBeNull();
    expect(s.savingsCo2eKg).toBeNull();
    expect(s.breakEven).toEqual({ status: 'pays-back', queries: 1000, withinLifetime: null });
    expect(s.trainingSources).toEqual({ base: 'not given (0)', pruned: 'not given (0)' });
  });
});
