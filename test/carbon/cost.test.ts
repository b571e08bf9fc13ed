import { describe, expect, it } from 'vitest';
import { computeCost } from '../../src/carbon/cost.js';

const base = { energyPerInferenceJ: 36, secondsPerInference: 0.01, co2ePerInferenceG: 0.004 };
const pruned = { energyPerInferenceJ: 18, secondsPerInference: 0.004, co2ePerInferenceG: 0.002 };

describe('computeCost', () => {
  it('energy cost per 1M = kWh × PUE × price; compute cost per 1M = hours × price', () => {
    const c = computeCost({
      base,
      pruned,
      pue: 1.5,
      currency: 'EUR',
      electricityPricePerKWh: 0.3,
      instancePricePerHour: 3.6,
      lifetimeQueries: 2e6,
    });
    // 36 J × 1e6 = 10 kWh; × 1.5 × 0.3 = 4.5
    expect(c.base.energyCostPer1M).toBeCloseTo(4.5, 9);
    expect(c.pruned.energyCostPer1M).toBeCloseTo(2.25, 9);
    // 0.01 s × 1e6 = 10000 s = 2.777… h × 3.6 = 10
    expect(c.base.computeCostPer1M).toBeCloseTo(10, 9);
    expect(c.pruned.computeCostPer1M).toBeCloseTo(4, 9);
    expect(c.base.energyCostLifetime).toBeCloseTo(9, 9);
    expect(c.pruned.computeCostLifetime).toBeCloseTo(8, 9);
    expect(c.savings.energyCostPer1M).toBeCloseTo(2.25, 9);
    expect(c.savings.computeCostLifetime).toBeCloseTo(12, 9);
    expect(c.currency).toBe('EUR');
    expect(c.offsets).toBeUndefined();
  });

  it('leaves out what has no price, and lifetime figures without queries', () => {
    const c = computeCost({ base, pruned, pue: 1, currency: 'USD', instancePricePerHour: 1 });
    expect(c.base.energyCostPer1M).toBeNull();
    expect(c.base.computeCostLifetime).toBeNull();
    expect(c.savings.energyCostPer1M).toBeNull();
    expect(c.savings.computeCostPer1M).not.toBeNull();
  });

  it('values the CO2e saved at the carbon price (per 1M and over the lifetime)', () => {
    const c = computeCost({
      base,
      pruned,
      pue: 1,
      currency: 'USD',
      carbonPricePerTonne: 100,
      lifetimeSavingsCo2eKg: 250,
    });
    // 0.002 g × 1e6 = 2000 g = 0.002 t × 100 = 0.2
    expect(c.offsets?.avoidedPer1M).toBeCloseTo(0.2, 12);
    expect(c.offsets?.avoidedLifetime).toBeCloseTo(25, 9);
    const worse = computeCost({
      base: pruned,
      pruned: base,
      pue: 1,
      currency: 'USD',
      carbonPricePerTonne: 100,
      lifetimeSavingsCo2eKg: null,
    });
    expect(worse.offsets?.avoidedPer1M).toBeCloseTo(-0.2, 12);
    expect(worse.offsets?.avoidedLifetime).toBeNull();
  });
});
