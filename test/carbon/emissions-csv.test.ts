import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CODECARBON_COLUMNS,
  EMISSIONS_COLUMNS,
  parseEmissionsCsv,
  toEmissionsCsv,
} from '../../src/carbon/emissions-csv.js';
import { appendEmissionsCsv } from '../../src/carbon/emissions-file.js';
import {
  comparisonEmissionsRows,
  emissionsLocation,
  emissionsRowsFromWindows,
  energyBuckets,
} from '../../src/carbon/emissions-rows.js';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import type { CarbonIntensityInfo } from '../../src/report/types.js';

const fixtures = new URL('../fixtures/carbon/', import.meta.url);
const intensity: CarbonIntensityInfo = {
  intensityGPerKWh: 400,
  source: 'test',
  year: 2025,
  kind: 'average',
  pue: 1.5,
  zone: 'DE',
  zoneName: 'Germany',
  resolvedBy: 'grid-zone',
};

describe('parseEmissionsCsv on CodeCarbon files', () => {
  it('ingests a CodeCarbon 2.x emissions.csv (quoted field included)', async () => {
    const parsed = parseEmissionsCsv(
      await readFile(new URL('codecarbon-2.3.4-emissions.csv', fixtures), 'utf8'),
    );
    expect(parsed.rows).toHaveLength(3);
    expect(parsed.totalEmissionsKg).toBeCloseTo(0.24463381243091684, 15);
    expect(parsed.totalEnergyKWh).toBeCloseTo(0.6453015363516668, 15);
    expect(Object.keys(parsed.rows[0])).toEqual([...CODECARBON_COLUMNS]);
    expect(parsed.rows[2].project_name).toBe('resnet50-prune, finetune');
    expect(parsed.rows[2].gpu_model).toBe('1 x NVIDIA A100-SXM4-40GB');
  });

  it('ingests a CodeCarbon 3.x emissions.csv (extra columns)', async () => {
    const parsed = parseEmissionsCsv(await readFile(new URL('codecarbon-3-emissions.csv', fixtures), 'utf8'));
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.totalEmissionsKg).toBeCloseTo(0.0004785594666666666, 15);
    expect(parsed.rows[0].water_consumed).toBe('0.0');
    expect(parsed.rows[0].cloud_region).toBe('europe-west9');
  });

  const bad = [
    { what: 'no emissions column', text: 'a,b\n1,2\n', message: /train.csv: no "emissions" column/ },
    { what: 'header only', text: EMISSIONS_COLUMNS.join(',') + '\n', message: /no data rows/ },
    { what: 'empty file', text: '', message: /no data rows/ },
    {
      what: 'non-numeric emissions',
      text: 'emissions,energy_consumed\n0.1,1\nabc,2\n',
      message: /row 3, column emissions: "abc" is not a number/,
    },
    { what: 'unbalanced quote', text: 'emissions,x\n0.1,"oops\n', message: /not a readable CSV/ },
  ];
  it.each(bad)('rejects $what with a UserError naming the file', ({ text, message }) => {
    expect(() => parseEmissionsCsv(text, 'train.csv')).toThrow(UserError);
    expect(() => parseEmissionsCsv(text, 'train.csv')).toThrow(message);
  });

  it('counts empty cells as 0 and tolerates a BOM and CRLF', () => {
    const parsed = parseEmissionsCsv('\uFEFFemissions,energy_consumed\r\n0.5,\r\n,1.5\r\n');
    expect(parsed.totalEmissionsKg).toBe(0.5);
    expect(parsed.totalEnergyKWh).toBe(1.5);
  });
});

describe('emissionsRowsFromWindows', () => {
  it('one row per window, PUE applied to energy as CodeCarbon does', () => {
    const rows = emissionsRowsFromWindows(
      [
        {
          role: 'base',
          durationS: 10,
          energyJByDomain: { 'gpu:0': 1800, 'cpu:package-0': 360, 'dram:0': 72 },
          timestamp: new Date('2026-12-04T20:00:00.123Z'),
          runId: 'r1',
        },
        {
          role: 'pruned',
          durationS: 0,
          energyJByDomain: {},
          timestamp: new Date('2026-12-04T20:00:10Z'),
          runId: 'r1',
        },
      ],
      { intensity, projectName: 'demo', machine: { cpuCount: 8, cpuModel: 'X, Y' } },
    );
    expect(rows).toHaveLength(2);
    const [base, pruned] = rows;
    expect(base.timestamp).toBe('2026-12-04T20:00:00');
    expect(base.experiment_id).toBe('base');
    expect(base.project_name).toBe('demo');
    expect(base.gpu_power).toBe(180);
    expect(base.cpu_power).toBe(36);
    expect(base.ram_power).toBeCloseTo(7.2, 12);
    expect(base.gpu_energy).toBeCloseTo((1800 / 3.6e6) * 1.5, 15);
    const kWh = (2232 / 3.6e6) * 1.5;
    expect(base.energy_consumed).toBeCloseTo(kWh, 15);
    expect(base.emissions).toBeCloseTo((kWh * 400) / 1000, 15);
    expect(base.emissions_rate).toBeCloseTo(base.emissions / 10, 18);
    expect(base.pue).toBe(1.5);
    expect(base.region).toBe('DE');
    expect(base.country_name).toBe('Germany');
    expect(base.on_cloud).toBe('N');
    expect(pruned.emissions).toBe(0);
    expect(pruned.emissions_rate).toBe(0);
  });

  it('a system domain is the whole machine: energy_consumed does not double count', () => {
    expect(energyBuckets({ system: 100, 'gpu:0': 60, 'cpu:package-0': 20 })).toEqual({
      cpu: 20,
      gpu: 60,
      ram: 0,
      totalJ: 100,
    });
    expect(energyBuckets({ 'gpu:0': 60, 'gpu:1': 40, psys: 5 }).totalJ).toBe(105);
  });

  it('our emissions.csv is read back by the same parser', () => {
    const rows = emissionsRowsFromWindows(
      [
        {
          role: 'base',
          durationS: 2.5,
          energyJByDomain: { 'gpu:0': 700 },
          timestamp: new Date('2026-01-01T00:00:00Z'),
          runId: 'a',
        },
        {
          role: 'pruned',
          durationS: 2.5,
          energyJByDomain: { 'gpu:0': 350 },
          timestamp: new Date('2026-01-01T00:00:03Z'),
          runId: 'a',
        },
      ],
      {
        intensity,
        projectName: 'quote "me", please',
        location: { cloudProvider: 'gcp', cloudRegion: 'europe-west3' },
      },
    );
    const text = toEmissionsCsv(rows);
    expect(text.split('\n')[0]).toBe(EMISSIONS_COLUMNS.join(','));
    const parsed = parseEmissionsCsv(text);
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[0].project_name).toBe('quote "me", please');
    expect(parsed.rows[0].on_cloud).toBe('Y');
    expect(parsed.totalEmissionsKg).toBeCloseTo(rows[0].emissions + rows[1].emissions, 18);
    expect(parsed.totalEnergyKWh).toBeCloseTo((1050 / 3.6e6) * 1.5, 15);
  });
});

describe('appendEmissionsCsv', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'carbon-csv-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const row = emissionsRowsFromWindows(
    [
      {
        role: 'track',
        durationS: 1,
        energyJByDomain: { 'cpu:package-0': 3600 },
        timestamp: new Date(0),
        runId: 'x',
      },
    ],
    { intensity },
  )[0];

  it('creates the file with a header, then appends rows without one', async () => {
    const path = join(dir, 'nested', 'emissions.csv');
    await appendEmissionsCsv(path, [row]);
    await appendEmissionsCsv(path, [row]);
    const text = await readFile(path, 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('timestamp,'))).toHaveLength(1);
    expect(parseEmissionsCsv(text).rows).toHaveLength(2);
  });

  it('appends to a CodeCarbon 3.x file in its own column order', async () => {
    const path = join(dir, 'emissions.csv');
    const original = await readFile(new URL('codecarbon-3-emissions.csv', fixtures), 'utf8');
    await writeFile(path, original.trimEnd()); // no final newline
    const logger = memoryLogger();
    await appendEmissionsCsv(path, [row], logger);
    const parsed = parseEmissionsCsv(await readFile(path, 'utf8'));
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[1].experiment_id).toBe('track');
    expect(parsed.rows[1].water_consumed).toBe('');
    expect(Number(parsed.rows[1].emissions)).toBeCloseTo(row.emissions, 15);
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('warns about columns an older file lacks, and refuses a file that is not an emissions.csv', async () => {
    const old = join(dir, 'old.csv');
    await writeFile(old, 'timestamp,project_name,run_id,duration,emissions\n2020-01-01T00:00:00,p,r,1,0.5\n');
    const logger = memoryLogger();
    await appendEmissionsCsv(old, [row], logger);
    expect(logger.lines[0].message).toMatch(/no column experiment_id, emissions_rate/);
    expect(parseEmissionsCsv(await readFile(old, 'utf8')).totalEmissionsKg).toBeCloseTo(
      0.5 + row.emissions,
      15,
    );
    const other = join(dir, 'other.csv');
    await writeFile(other, 'a,b\n1,2\n');
    await expect(appendEmissionsCsv(other, [row])).rejects.toThrow(
      /other.csv exists but is not an emissions.csv/,
    );
  });
});

describe('comparisonEmissionsRows and emissionsLocation', () => {
  it('one row per model from per-inference energy × inferences', () => {
    const rows = comparisonEmissionsRows(
      {
        runId: 'cmp',
        timestamp: new Date('2026-12-04T21:00:00Z'),
        base: {
          durationS: 4,
          inferences: 1000,
          byDomainJPerInference: { 'gpu:0': 0.36, 'cpu:package-0': 0.036 },
        },
        pruned: {
          durationS: 2,
          inferences: 1000,
          byDomainJPerInference: { 'gpu:0': 0.18, 'cpu:package-0': 0.018 },
        },
      },
      {
        intensity,
        location: emissionsLocation({ country: 'DEU', cloud: { provider: 'aws', region: 'eu-central-1' } }),
      },
    );
    expect(rows.map((r) => r.experiment_id)).toEqual(['base', 'pruned']);
    expect(rows[0].gpu_energy).toBeCloseTo((360 / 3.6e6) * 1.5, 15);
    expect(rows[0].gpu_power).toBeCloseTo(90, 9);
    expect(rows[1].energy_consumed).toBeCloseTo(rows[0].energy_consumed / 2, 15);
    expect(rows[0]).toMatchObject({
      country_iso_code: 'DEU',
      cloud_provider: 'aws',
      cloud_region: 'eu-central-1',
      on_cloud: 'Y',
      run_id: 'cmp',
    });
  });

  it('location is empty without country or cloud; alpha-2 countries are not ISO alpha-3', () => {
    expect(emissionsLocation({})).toEqual({});
    expect(emissionsLocation({ country: 'DE' })).toEqual({});
  });
});
