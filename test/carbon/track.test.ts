import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEmissionsCsv } from '../../src/carbon/emissions-csv.js';
import { mergeReadings, runTrack } from '../../src/carbon/track.js';
import { windowEnergyByDomain } from '../../src/power/summary.js';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import type { CarbonIntensityInfo } from '../../src/report/types.js';
import { ScriptedMeter } from './fake-meter.js';

const intensity: CarbonIntensityInfo = {
  intensityGPerKWh: 300,
  source: 'test',
  year: null,
  kind: 'average',
  pue: 1,
  zone: 'FR',
};
const node = process.execPath;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carbon-track-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runTrack', () => {
  it('runs the command between start and stop, writes a row and passes the exit code through', async () => {
    const meter = new ScriptedMeter('fake-gpu', { 'gpu:0': 200, 'cpu:package-0': 50 });
    const outPath = join(dir, 'emissions.csv');
    const marker = join(dir, 'ran with spaces.txt');
    const script =
      'require("fs").writeFileSync(process.argv[1], "ok"); setTimeout(() => process.exit(3), 200)';
    const { exitCode, row } = await runTrack([node, '-e', script, marker], {
      meters: [meter],
      intensity,
      outPath,
      projectName: 'finetune',
      runId: 'run-1',
      now: () => new Date('2026-12-04T20:30:00Z'),
    });
    expect(exitCode).toBe(3);
    expect(await readFile(marker, 'utf8')).toBe('ok');
    expect(meter.calls).toEqual(['start', 'stop']);
    expect(row.duration).toBeGreaterThanOrEqual(0.2);
    expect(row.gpu_power).toBeGreaterThan(150);
    expect(row.energy_consumed).toBeCloseTo(row.gpu_energy + row.cpu_energy, 15);
    expect(row.emissions).toBeCloseTo(row.energy_consumed * 0.3, 15);
    expect(row).toMatchObject({
      project_name: 'finetune',
      run_id: 'run-1',
      experiment_id: 'track',
      timestamp: '2026-12-04T20:30:00',
      region: 'FR',
    });
    expect(row.cpu_count).toBeGreaterThan(0);
    const parsed = parseEmissionsCsv(await readFile(outPath, 'utf8'));
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.totalEmissionsKg).toBeCloseTo(row.emissions, 15);
  });

  it('appends like CodeCarbon: a second run adds a row', async () => {
    const outPath = join(dir, 'emissions.csv');
    const options = { meters: [new ScriptedMeter('m', { 'cpu:package-0': 10 })], intensity, outPath };
    await runTrack([node, '-e', ''], options);
    const { exitCode } = await runTrack([node, '-e', ''], options);
    expect(exitCode).toBe(0);
    expect(parseEmissionsCsv(await readFile(outPath, 'utf8')).rows).toHaveLength(2);
  });

  it('returns 128 + signal number when the command is killed', async () => {
    const { exitCode } = await runTrack([node, '-e', 'process.kill(process.pid, "SIGTERM")'], {
      meters: [],
      intensity,
      outPath: join(dir, 'e.csv'),
      logger: memoryLogger(),
    });
    expect(exitCode).toBe(128 + 15);
  });

  it('a command that cannot start is a UserError, after the meters are stopped', async () => {
    const meter = new ScriptedMeter('m', { 'cpu:package-0': 10 });
    const run = runTrack([join(dir, 'no-such-command')], {
      meters: [meter],
      intensity,
      outPath: join(dir, 'e.csv'),
    });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(
      runTrack([join(dir, 'no-such-command')], { meters: [], intensity, outPath: join(dir, 'e.csv') }),
    ).rejects.toThrow(/track: could not run/);
    expect(meter.calls).toEqual(['start', 'stop']);
  });

  it('an empty command is a UserError', async () => {
    await expect(runTrack([], { meters: [], intensity, outPath: join(dir, 'e.csv') })).rejects.toThrow(
      /give the command to run after --/,
    );
  });

  it('carries on without a meter that fails, with warnings', async () => {
    const logger = memoryLogger();
    const good = new ScriptedMeter('good', { 'gpu:0': 100 });
    const { row } = await runTrack([node, '-e', ''], {
      meters: [
        new ScriptedMeter('broken-start', { 'gpu:0': 1 }, 'measured', 'start'),
        new ScriptedMeter('broken-stop', { 'dram:0': 1 }, 'measured', 'stop'),
        good,
      ],
      intensity,
      outPath: join(dir, 'e.csv'),
      logger,
    });
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toEqual([
      expect.stringMatching(/broken-start did not start/),
      expect.stringMatching(/broken-stop failed to stop/),
    ]);
    expect(row.gpu_energy).toBeGreaterThan(0);
    expect(row.ram_energy).toBe(0);
  });
});

describe('mergeReadings', () => {
  const r = (meterId: string, method: 'measured' | 'estimated', energyJ: Record<string, number>) => ({
    meterId,
    method,
    energyJ,
    durationS: 1,
    samples: 1,
  });
  it('prefers a measured reading over an estimate for the same domain', () => {
    expect(
      mergeReadings([
        r('estimate', 'estimated', { 'cpu:package-0': 50, 'gpu:0': 99 }),
        r('rapl', 'measured', { 'cpu:package-0': 40, 'dram:0': 5 }),
        r('nvml', 'measured', { 'gpu:0': 80 }),
        r('smi', 'measured', { 'gpu:0': 81 }),
      ]),
    ).toEqual({ 'cpu:package-0': 40, 'gpu:0': 80, 'dram:0': 5 });
  });

  it("uses the report's meter preference: nvml over nvidia-smi whatever the order, as compare counts it", () => {
    const readings = [r('nvidia-smi', 'measured', { 'gpu:0': 81 }), r('nvml', 'measured', { 'gpu:0': 80 })];
    expect(mergeReadings(readings)).toEqual({ 'gpu:0': 80 });
    const window = { role: 'base' as const, durationS: 1, inferences: 1, readings };
    expect(mergeReadings(readings)).toEqual(windowEnergyByDomain(window));
  });
});
