import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { readPowerOptions } from '../../src/power/inputs.js';
import { selectMeters } from '../../src/power/select.js';
import { summarizeEnergy } from '../../src/power/summary.js';
import type { MeasuredWindow } from '../../src/power/types.js';
import { fakeEnv, sleep } from './helpers.js';

const noGpuEnv = () => ({ ...fakeEnv(), PATH: '/nonexistent' });
const cpu = { cpuModel: 'AMD EPYC 7763 64-Core Processor', logicalCores: 4, totalMemoryBytes: 16e9 };

describe('selectMeters', () => {
  it('on a machine without GPU or RAPL: estimate active, every other meter skipped with its reason', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sel-'));
    const logger = memoryLogger();
    const selection = await selectMeters(readPowerOptions({}), {
      env: noGpuEnv(),
      sysfsRoot: root,
      nvmlLibrary: '/nonexistent/libnvidia-ml.so.1',
      logger,
      cpu,
    });
    expect(selection.active.map((m) => [m.id, m.method])).toEqual([['estimate', 'estimated']]);
    expect(selection.domains).toEqual({ estimate: ['cpu', 'dram'] });
    const reasons = Object.fromEntries(selection.skipped.map((s) => [s.id, s.reason]));
    expect(Object.keys(reasons)).toEqual(['nvml', 'nvidia-smi', 'rapl', 'external']);
    expect(reasons.nvml).toMatch(/cannot load/);
    expect(reasons['nvidia-smi']).toMatch(/not found on PATH/);
    expect(reasons.rapl).toMatch(/no RAPL driver loaded/);
    expect(reasons.external).toBe('no external-meter-command configured');
    expect(
      logger.lines.some((l) => l.level === 'warn' && l.message.includes('CPU and RAM energy is estimated')),
    ).toBe(true);
  });

  it('on the real defaults of this machine, still gives a working estimate', async () => {
    const selection = await selectMeters(readPowerOptions({}), { env: noGpuEnv() });
    expect(selection.active.at(-1)?.id).toBe('estimate');
    for (const m of selection.active) await m.close();
  });

  it('with a GPU measured, keeps estimating CPU and RAM, and says so', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sel-'));
    const logger = memoryLogger();
    const selection = await selectMeters(readPowerOptions({ 'nvidia-smi-interval-ms': 50 }), {
      env: fakeEnv(),
      sysfsRoot: root,
      nvmlLibrary: '/nonexistent/lib.so',
      logger,
      cpu,
    });
    try {
      expect(selection.active.map((m) => m.id)).toEqual(['nvidia-smi', 'estimate']);
      expect(selection.domains.estimate).toEqual(['cpu', 'dram']);
      expect(logger.lines.some((l) => l.message.includes('only gpu:0 measured'))).toBe(true);
      // One window through every active meter, summarised: GPU measured, CPU/RAM estimated.
      const window = async (role: MeasuredWindow['role'], inferences: number): Promise<MeasuredWindow> => {
        for (const m of selection.active) await m.start();
        const t0 = Date.now();
        await sleep(300);
        const readings = [];
        for (const m of selection.active) readings.push(await m.stop());
        return { role, inferences, durationS: (Date.now() - t0) / 1000, readings };
      };
      const idle = await window('idle', 0);
      const base = await window('base', 30);
      const s = summarizeEnergy([base], idle, 'base');
      expect(s.method).toBe('estimated');
      expect(s.methodByDomain).toEqual({ cpu: 'estimated', dram: 'estimated', 'gpu:0': 'measured' });
      expect(s.meterByDomain['gpu:0']).toBe('nvidia-smi');
      expect(s.byDomain['gpu:0'] * 30).toBeCloseTo(100 * base.readings[0].durationS, 0);
    } finally {
      for (const m of selection.active) await m.close();
    }
  });

  it('uses RAPL for the CPU and estimates only the RAM it lacks', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sel-'));
    const zone = path.join(root, 'sys/class/powercap/intel-rapl:0');
    await mkdir(zone, { recursive: true });
    await writeFile(path.join(zone, 'name'), 'package-0\n');
    await writeFile(path.join(zone, 'energy_uj'), '5\n');
    const selection = await selectMeters(readPowerOptions({}), {
      env: noGpuEnv(),
      sysfsRoot: root,
      nvmlLibrary: '/x.so',
      cpu,
    });
    expect(selection.domains).toEqual({ rapl: ['cpu:package-0'], estimate: ['dram'] });
  });

  it('require-measured-energy: exit-2 error naming the input when nothing measures', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sel-'));
    const options = readPowerOptions({ 'require-measured-energy': true });
    const run = selectMeters(options, { env: noGpuEnv(), sysfsRoot: root, nvmlLibrary: '/x.so', cpu });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toThrow(
      /^require-measured-energy: no meter can measure energy .*nvidia-smi: nvidia-smi not found/,
    );
  });

  it('require-measured-energy with a GPU measured: no estimate, reason listed', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sel-'));
    const options = readPowerOptions({ 'require-measured-energy': true, meters: ['nvidia-smi', 'estimate'] });
    const selection = await selectMeters(options, { env: fakeEnv(), sysfsRoot: root, cpu });
    try {
      expect(selection.active.map((m) => m.id)).toEqual(['nvidia-smi']);
      expect(selection.skipped).toContainEqual({
        id: 'estimate',
        reason: 'require-measured-energy is set; CPU and RAM not estimated',
      });
      expect(selection.skipped.find((s) => s.id === 'nvml')?.reason).toMatch(/^not selected/);
    } finally {
      for (const m of selection.active) await m.close();
    }
  });
});
