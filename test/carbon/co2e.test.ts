import { describe, expect, it } from 'vitest';
import { co2eFigures, co2eGrams } from '../../src/carbon/co2e.js';

describe('co2eGrams', () => {
  const cases = [
    { what: '1 kWh at 400 g/kWh, PUE 1', energyJ: 3_600_000, intensity: 400, pue: 1, expected: 400 },
    { what: '1 kWh at 400 g/kWh, PUE 1.5', energyJ: 3_600_000, intensity: 400, pue: 1.5, expected: 600 },
    { what: '1 J at 360 g/kWh', energyJ: 1, intensity: 360, pue: 1, expected: 1e-4 },
    {
      what: '0.5 J per inference at 472.94 g/kWh, PUE 1.1',
      energyJ: 0.5,
      intensity: 472.94,
      pue: 1.1,
      expected: (0.5 / 3.6e6) * 1.1 * 472.94,
    },
    { what: 'zero energy', energyJ: 0, intensity: 500, pue: 1.2, expected: 0 },
    { what: 'zero intensity', energyJ: 1000, intensity: 0, pue: 1, expected: 0 },
  ];
  it.each(cases)('$what', ({ energyJ, intensity, pue, expected }) => {
    expect(co2eGrams(energyJ, { intensityGPerKWh: intensity, pue })).toBeCloseTo(expected, 12);
  });
});

describe('co2eFigures', () => {
  it('gives per inference and per 1M, for total and idle-corrected energy, PUE applied', () => {
    const figures = co2eFigures(
      { perInference: 3.6, activePerInference: 1.8 },
      { intensityGPerKWh: 500, pue: 1.2 },
    );
    // 3.6 J = 1e-6 kWh; × 1.2 × 500 = 6e-4 g
    expect(figures.perInference).toBeCloseTo(6e-4, 15);
    expect(figures.per1M).toBeCloseTo(600, 9);
    expect(figures.activePerInference).toBeCloseTo(3e-4, 15);
    expect(figures.activePer1M).toBeCloseTo(300, 9);
  });
});
