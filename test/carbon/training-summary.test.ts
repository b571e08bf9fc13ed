import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCarbonOptions } from '../../src/carbon/inputs.js';
import { summarizeCarbon } from '../../src/carbon/summary.js';
import { loadTrainingCo2e } from '../../src/carbon/training.js';
import { UserError } from '../../src/errors.js';
import type { CarbonIntensityInfo } from '../../src/report/types.js';

const fixtures = fileURLToPath(new URL('../fixtures/carbon/', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carbon-training-'));
  await writeFile(join(dir, 'bad.csv'), 'loss,step\n0.1,1\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadTrainingCo2e', () => {
  it('undefined when no training figure is given', async () => {
    expect(await loadTrainingCo2e(readCarbonOptions({}).training)).toBeUndefined();
  });

  it('reads numbers and CodeCarbon files (relative to cwd)', async () => {
    const options = readCarbonOptions({
      'training-co2e-kg-base': 120,
      'training-emissions-csv-pruned': 'codecarbon-2.3.4-emissions.csv',
    });
    const t = await loadTrainingCo2e(options.training, { cwd: fixtures });
    expect(t?.baseKg).toBe(120);
    expect(t?.pruningRunKg).toBeCloseTo(0.24463381243091684, 15);
    expect(t?.sources).toEqual({
      base: 'training-co2e-kg-base: 120 kg',
      pruned: 'codecarbon-2.3.4-emissions.csv: sum of emissions over 3 rows',
    });
  });

  const bad = [
    {
      what: 'missing file',
      input: { 'training-emissions-csv-base': 'nope.csv' },
      message: /training-emissions-csv-base: cannot read "nope.csv"/,
    },
    {
      what: 'not an emissions.csv',
      input: { 'training-emissions-csv-pruned': 'bad.csv' },
      message: /training-emissions-csv-pruned: bad.csv: no "emissions" column/,
    },
  ];
  it.each(bad)('$what → UserError naming the input', async ({ input, message }) => {
    const run = loadTrainingCo2e(readCarbonOptions(input).training, { cwd: dir });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(loadTrainingCo2e(readCarbonOptions(input).training, { cwd: dir })).rejects.toThrow(message);
  });
});

describe('summarizeCarbon', () => {
  const intensity: CarbonIntensityInfo = {
    intensityGPerKWh: 400,
    source: 't',
    year: 2025,
    kind: 'average',
    pue: 1.25,
  };
  const energy = {
    base: { perInference: 0.72, activePerInference: 0.36, secondsPerInference: 0.002 },
    pruned: { perInference: 0.36, activePerInference: 0.18, secondsPerInference: 0.001 },
  };

  it('CO2e only, when nothing else is given', () => {
    const s = summarizeCarbon({ options: readCarbonOptions({}), intensity, energy });
    // 0.72 J = 2e-7 kWh × 1.25 × 400 = 1e-4 g
    expect(s.co2eG.base.perInference).toBeCloseTo(1e-4, 15);
    expect(s.co2eG.base.per1M).toBeCloseTo(100, 9);
    expect(s.co2eG.pruned.activePer1M).toBeCloseTo(25, 9);
    expect(s.lifetime).toBeUndefined();
    expect(s.cost).toBeUndefined();
  });

  it('lifetime, cost and offsets when their inputs are given', () => {
    const options = readCarbonOptions({
      'queries-per-day': 1e6,
      'lifetime-days': 100,
      'electricity-price-per-kwh': 0.2,
      'instance-price-per-hour': 1.8,
      'carbon-price-per-tonne': 80,
      currency: 'eur',
    });
    const s = summarizeCarbon({
      options,
      intensity,
      energy,
      training: { baseKg: 50, pruningRunKg: 2, sources: { base: 'a', pruned: 'b' } },
    });
    const lifetime = s.lifetime!;
    expect(lifetime.lifetimeQueries).toBe(1e8);
    expect(lifetime.base.totalCo2eKg).toBeCloseTo(50 + 10, 9);
    expect(lifetime.pruned.totalCo2eKg).toBeCloseTo(52 + 5, 9);
    // 2000 g extra / 5e-5 g saved per query = 4e7 queries
    expect(lifetime.breakEven).toEqual({ status: 'pays-back', queries: 40_000_000, withinLifetime: true });
    const cost = s.cost!;
    expect(cost.currency).toBe('EUR');
    expect(cost.base.energyCostPer1M).toBeCloseTo(0.05, 12); // 0.2 kWh × 1.25 × 0.2
    expect(cost.base.computeCostPer1M).toBeCloseTo(1, 12); // 2000 s = 0.5556 h × 1.8
    expect(cost.offsets?.avoidedLifetime).toBeCloseTo(0.003 * 80, 9); // 3 kg saved
  });
});
