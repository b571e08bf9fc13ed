import { describe, expect, it } from 'vitest';
import { averageIntensity, electricityMaps } from '@tgwf/co2/data';
import { UserError } from '../../src/errors.js';
import { readCarbonOptions } from '../../src/carbon/inputs.js';
import { resolveIntensity } from '../../src/carbon/intensity.js';
import { CLOUD_REGIONS, cloudRegionZone } from '../../src/carbon/cloud-regions.js';
import { lookupZone } from '../../src/carbon/grid-data.js';

const em2025 = electricityMaps.yearly2025.data;

describe('resolveIntensity: yearly data, cloud regions, world average', () => {
  const cases = [
    {
      what: 'explicit value wins over everything',
      input: { 'carbon-intensity': 123, 'grid-zone': 'FR', pue: 1.2 },
      expected: {
        intensityGPerKWh: 123,
        resolvedBy: 'explicit',
        source: 'carbon-intensity input',
        year: null,
        pue: 1.2,
      },
      warnings: 0,
    },
    {
      what: 'grid zone (Electricity Maps yearly)',
      input: { 'grid-zone': 'US-CAL-CISO' },
      expected: {
        intensityGPerKWh: em2025['US-CAL-CISO'].carbonIntensity.value,
        resolvedBy: 'grid-zone',
        year: 2025,
        zone: 'US-CAL-CISO',
        zoneName: 'CAISO',
        kind: 'average',
        unit: 'gCO2e/kWh',
      },
      warnings: 0,
    },
    {
      what: 'grid zone, any case',
      input: { 'grid-zone': 'de' },
      expected: { intensityGPerKWh: 342, zone: 'DE', zoneName: 'Germany', year: 2025 },
      warnings: 0,
    },
    {
      what: 'grid zone wins over country and cloud region',
      input: {
        'grid-zone': 'FR',
        country: 'DEU',
        'cloud-provider': 'aws',
        'cloud-region': 'us-east-1',
        pue: 1.15,
      },
      expected: { zone: 'FR', resolvedBy: 'grid-zone' },
      warnings: 0,
    },
    {
      what: 'alpha-2 country (Electricity Maps yearly)',
      input: { country: 'se' },
      expected: {
        intensityGPerKWh: em2025.SE.carbonIntensity.value,
        resolvedBy: 'country',
        zone: 'SE',
        year: 2025,
      },
      warnings: 0,
    },
    {
      what: 'alpha-3 country (Ember, year not given by the data)',
      input: { country: 'DEU' },
      expected: {
        intensityGPerKWh: averageIntensity.data.DEU,
        resolvedBy: 'country',
        zone: 'DEU',
        year: null,
      },
      warnings: 0,
    },
    {
      what: 'cloud region → zone',
      input: { 'cloud-provider': 'gcp', 'cloud-region': 'europe-west4', pue: 1.1 },
      expected: {
        intensityGPerKWh: em2025.NL.carbonIntensity.value,
        resolvedBy: 'cloud-region',
        zone: 'NL',
        pue: 1.1,
      },
      warnings: 0,
    },
    {
      what: 'azure region → zone (PUE left at 1.0: one warning)',
      input: { 'cloud-provider': 'azure', 'cloud-region': 'westeurope' },
      expected: { zone: 'NL', resolvedBy: 'cloud-region', pue: 1 },
      warnings: 1,
    },
    {
      what: 'no location: world average with a warning',
      input: {},
      expected: {
        intensityGPerKWh: averageIntensity.data.WORLD,
        resolvedBy: 'world-average',
        zoneName: 'world average',
      },
      warnings: 1,
    },
  ];
  it.each(cases)('$what', async ({ input, expected, warnings }) => {
    const result = await resolveIntensity(readCarbonOptions(input));
    expect(result.intensity).toMatchObject(expected);
    expect(result.warnings).toHaveLength(warnings);
    if (result.intensity.resolvedBy !== 'explicit') {
      expect(result.intensity.attribution).toMatch(/Electricity Maps|Ember/);
    }
    expect(result.intensity.source.length).toBeGreaterThan(5);
  });

  it('tells how to set the location when it falls back to the world average', async () => {
    const { warnings } = await resolveIntensity(readCarbonOptions({}));
    expect(warnings[0]).toMatch(/world average/);
    expect(warnings[0]).toMatch(/grid-zone/);
    expect(warnings[0]).toMatch(/cloud-region/);
  });

  it('records provenance: source names the data and year; attribution the licence', async () => {
    const zone = await resolveIntensity(readCarbonOptions({ 'grid-zone': 'DE' }));
    expect(zone.intensity.source).toMatch(/Electricity Maps yearly average 2025 \(@tgwf\/co2 0\.19\.0\)/);
    expect(zone.intensity.attribution).toMatch(/ODbL/);
    const ember = await resolveIntensity(readCarbonOptions({ country: 'FRA' }));
    expect(ember.intensity.source).toMatch(/Ember yearly average/);
    expect(ember.intensity.attribution).toMatch(/CC BY-SA 4\.0/);
    const cloud = await resolveIntensity(
      readCarbonOptions({ 'cloud-provider': 'aws', 'cloud-region': 'us-west-2' }),
    );
    expect(cloud.intensity.source).toMatch(/aws us-west-2 is in Oregon.*zone US-NW-BPAT/);
  });

  const unknown = [
    {
      what: 'grid zone typo',
      input: { 'grid-zone': 'US-CAL-CIS' },
      message: /grid-zone: unknown Electricity Maps zone "US-CAL-CIS".*Close matches: US-CAL-CISO/,
    },
    { what: 'grid zone prefix', input: { 'grid-zone': 'DK-DK' }, message: /Close matches: .*DK-DK1.*DK-DK2/ },
    {
      what: 'alpha-2 country typo',
      input: { country: 'XD' },
      message: /country: no Electricity Maps yearly data for "XD".*Close matches:/,
    },
    {
      what: 'alpha-3 country typo',
      input: { country: 'DEX' },
      message: /country: no Ember yearly data for "DEX".*Close matches: .*DEU/,
    },
    {
      what: 'aws region typo',
      input: { 'cloud-provider': 'aws', 'cloud-region': 'us-east-9' },
      message: /cloud-region: unknown aws region "us-east-9".*Close matches: us-east-1, us-east-2/,
    },
    {
      what: 'gcp region typo',
      input: { 'cloud-provider': 'gcp', 'cloud-region': 'europe-west5' },
      message: /Close matches: .*europe-west4/,
    },
    {
      what: 'azure region typo',
      input: { 'cloud-provider': 'azure', 'cloud-region': 'westeruope' },
      message: /Close matches: westeurope/,
    },
    { what: 'nothing close', input: { 'grid-zone': 'QQQQQQQQQQQQQQQQ' }, message: /No close match/ },
  ];
  it.each(unknown)('unknown key → UserError listing close matches: $what', async ({ input, message }) => {
    const promise = resolveIntensity(readCarbonOptions(input));
    await expect(promise).rejects.toBeInstanceOf(UserError);
    await expect(resolveIntensity(readCarbonOptions(input))).rejects.toThrow(message);
  });
});

describe('cloud region table', () => {
  it('maps every row to a zone that the bundled data has', () => {
    for (const [provider, table] of Object.entries(CLOUD_REGIONS)) {
      for (const [region, [zone, location]] of Object.entries(table)) {
        expect(lookupZone(zone), `${provider} ${region} → ${zone}`).toBeDefined();
        expect(location.length).toBeGreaterThan(2);
      }
    }
  });
  it('covers the common regions of each provider', () => {
    expect(cloudRegionZone('aws', 'us-east-1').zone).toBe('US-MIDA-PJM');
    expect(cloudRegionZone('gcp', 'europe-west4').zone).toBe('NL');
    expect(cloudRegionZone('azure', 'westeurope').zone).toBe('NL');
    expect(cloudRegionZone('aws', 'EU-CENTRAL-1').zone).toBe('DE');
  });
});
