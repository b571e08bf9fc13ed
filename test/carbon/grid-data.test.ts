import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TGWF_CO2_VERSION,
  electricityMapsZoneKeys,
  emberCountryKeys,
  latestElectricityMapsYear,
  lookupZone,
  worldAverage,
} from '../../src/carbon/grid-data.js';
import { closeMatches, editDistance } from '../../src/carbon/close-matches.js';

describe('grid data from @tgwf/co2', () => {
  it('names the installed version', async () => {
    const main = createRequire(import.meta.url).resolve('@tgwf/co2');
    const pkgPath = join(dirname(main), '..', '..', 'package.json');
    const pkg = JSON.parse(await readFile(pkgPath, 'utf8')) as { version: string };
    expect(pkg.version).toBe(TGWF_CO2_VERSION);
  });

  it('uses the newest Electricity Maps year and keeps the keys', () => {
    expect(latestElectricityMapsYear()).toBe(2025);
    expect(electricityMapsZoneKeys().length).toBeGreaterThan(300);
    expect(emberCountryKeys()).toContain('DEU');
    expect(emberCountryKeys()).not.toContain('WORLD');
    expect(lookupZone('us-cal-ciso')?.key).toBe('US-CAL-CISO');
    expect(lookupZone('ATLANTIS')).toBeUndefined();
  });

  it('world average is Ember WORLD', () => {
    const world = worldAverage();
    expect(world.key).toBe('WORLD');
    expect(world.intensityGPerKWh).toBeGreaterThan(300);
    expect(world.intensityGPerKWh).toBeLessThan(600);
  });
});

describe('close matches', () => {
  const cases = [
    { a: 'kitten', b: 'sitting', d: 3 },
    { a: 'DE', b: 'de', d: 0 },
    { a: '', b: 'abc', d: 3 },
    { a: 'us-east-1', b: 'us-east-2', d: 1 },
  ];
  it.each(cases)('editDistance($a, $b) = $d', ({ a, b, d }) => expect(editDistance(a, b)).toBe(d));

  it('ranks prefix matches first, then by distance', () => {
    expect(closeMatches('US-CAL', ['US-CAL-CISO', 'US-CAL-BANC', 'UA', 'DE'])).toEqual([
      'US-CAL-BANC',
      'US-CAL-CISO',
    ]);
    expect(closeMatches('westeruope', ['westeurope', 'northeurope', 'eastus'])).toEqual(['westeurope']);
    expect(closeMatches('zzzzzzzz', ['DE', 'FR'])).toEqual([]);
  });
});
