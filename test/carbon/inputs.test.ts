import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { ELECTRICITY_MAPS_URL, carbonInputs, readCarbonOptions } from '../../src/carbon/inputs.js';

describe('carbonInputs', () => {
  it('declares each input once, kebab-case, with a description', () => {
    const names = carbonInputs.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const def of carbonInputs) {
      expect(def.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(def.description.length).toBeGreaterThan(10);
    }
    expect(names).toEqual(
      expect.arrayContaining([
        'carbon-intensity',
        'electricity-maps-token',
        'electricity-maps-url',
        'grid-zone',
        'country',
        'cloud-provider',
        'cloud-region',
        'pue',
        'training-co2e-kg-base',
        'training-co2e-kg-pruned',
        'training-emissions-csv-base',
        'training-emissions-csv-pruned',
        'lifetime-queries',
        'queries-per-day',
        'lifetime-days',
        'electricity-price-per-kwh',
        'instance-price-per-hour',
        'currency',
        'carbon-price-per-tonne',
      ]),
    );
  });
});

describe('readCarbonOptions', () => {
  it('applies defaults', () => {
    const o = readCarbonOptions({});
    expect(o.pue).toBe(1);
    expect(o.currency).toBe('USD');
    expect(o.electricityMapsUrl).toBe(ELECTRICITY_MAPS_URL);
    expect(o.training).toEqual({ base: undefined, pruned: undefined });
    expect(o.lifetimeQueries).toBeUndefined();
  });

  const ok = [
    {
      what: 'queries-per-day × lifetime-days',
      input: { 'queries-per-day': 10_000, 'lifetime-days': 365 },
      expected: { lifetimeQueries: 3_650_000, lifetimeQueriesFrom: 'queries-per-day × lifetime-days' },
    },
    { what: 'lifetime-queries', input: { 'lifetime-queries': 1e9 }, expected: { lifetimeQueries: 1e9 } },
    { what: 'country upper-cased', input: { country: 'deu' }, expected: { country: 'DEU' } },
    {
      what: 'cloud region lower-cased',
      input: { 'cloud-provider': 'aws', 'cloud-region': 'US-East-1' },
      expected: { cloud: { provider: 'aws', region: 'us-east-1' } },
    },
    { what: 'currency upper-cased', input: { currency: 'eur' }, expected: { currency: 'EUR' } },
    {
      what: 'trailing slash dropped from the API URL',
      input: { 'electricity-maps-url': 'http://127.0.0.1:9/v3/' },
      expected: { electricityMapsUrl: 'http://127.0.0.1:9/v3' },
    },
    {
      what: 'training as number and as CSV',
      input: { 'training-co2e-kg-base': 12.5, 'training-emissions-csv-pruned': 'runs/emissions.csv' },
      expected: {
        training: {
          base: { kind: 'value', co2eKg: 12.5, input: 'training-co2e-kg-base' },
          pruned: {
            kind: 'emissions-csv',
            path: 'runs/emissions.csv',
            input: 'training-emissions-csv-pruned',
          },
        },
      },
    },
    {
      what: 'token with a grid zone',
      input: { 'electricity-maps-token': 't', 'grid-zone': 'DE' },
      expected: { electricityMapsToken: 't', gridZone: 'DE' },
    },
    {
      what: 'token with an explicit intensity needs no zone',
      input: { 'electricity-maps-token': 't', 'carbon-intensity': 100 },
      expected: { intensityGPerKWh: 100 },
    },
  ];
  it.each(ok)('$what', ({ input, expected }) => {
    expect(readCarbonOptions(input)).toMatchObject(expected);
  });

  const bad = [
    {
      what: 'queries-per-day alone',
      input: { 'queries-per-day': 100 },
      message: /queries-per-day.*needs lifetime-days/,
    },
    {
      what: 'lifetime-days alone',
      input: { 'lifetime-days': 30 },
      message: /lifetime-days.*needs queries-per-day/,
    },
    {
      what: 'both lifetime forms',
      input: { 'lifetime-queries': 5, 'queries-per-day': 1, 'lifetime-days': 1 },
      message: /either lifetime-queries \(5\)/,
    },
    {
      what: 'training number and CSV together',
      input: { 'training-co2e-kg-base': 1, 'training-emissions-csv-base': 'a.csv' },
      message: /training-co2e-kg-base.*not both/,
    },
    {
      what: 'cloud region without provider',
      input: { 'cloud-region': 'us-east-1' },
      message: /cloud-region: "us-east-1" needs cloud-provider/,
    },
    {
      what: 'cloud provider without region',
      input: { 'cloud-provider': 'gcp' },
      message: /cloud-provider: "gcp" needs cloud-region/,
    },
    {
      what: 'unknown cloud provider',
      input: { 'cloud-provider': 'ibm', 'cloud-region': 'x' },
      message: /must be aws, gcp or azure, got "ibm"/,
    },
    { what: 'bad country code', input: { country: 'Germany' }, message: /country: .*got "Germany"/ },
    { what: 'bad currency', input: { currency: 'dollars' }, message: /currency: .*got "dollars"/ },
    { what: 'PUE below 1', input: { pue: 0.9 }, message: /pue: must be at least 1.0.*"0.9"/ },
    {
      what: 'bad API URL',
      input: { 'electricity-maps-url': 'ftp://x' },
      message: /electricity-maps-url: .*"ftp:\/\/x"/,
    },
    {
      what: 'token without a location',
      input: { 'electricity-maps-token': 't' },
      message: /electricity-maps-token: needs a location/,
    },
    {
      what: 'token with only an alpha-3 country',
      input: { 'electricity-maps-token': 't', country: 'DEU' },
      message: /electricity-maps-token: needs a location/,
    },
  ];
  it.each(bad)('rejects $what', ({ input, message }) => {
    expect(() => readCarbonOptions(input)).toThrow(UserError);
    expect(() => readCarbonOptions(input)).toThrow(message);
  });
});
