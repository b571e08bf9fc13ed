import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { counterDelta, RaplMeter } from '../../src/power/rapl.js';

interface ZoneSpec {
  dir: string;
  name: string;
  energyUj?: number;
  maxUj?: number;
  /** Make energy_uj a directory, so reading it fails (tests run as root, so chmod would not). */
  unreadable?: boolean;
}

/** A powercap tree under a fresh temp root; returns the root and a setter for counters. */
async function powercap(zones: ZoneSpec[]) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'rapl-'));
  const base = path.join(root, 'sys/class/powercap');
  await mkdir(path.join(base, 'intel-rapl'), { recursive: true }); // the control type, not a zone
  for (const z of zones) {
    const dir = path.join(base, z.dir);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'name'), `${z.name}\n`);
    await writeFile(path.join(dir, 'max_energy_range_uj'), `${z.maxUj ?? 262143328850}\n`);
    if (z.unreadable) await mkdir(path.join(dir, 'energy_uj'));
    else await writeFile(path.join(dir, 'energy_uj'), `${z.energyUj ?? 0}\n`);
  }
  const set = (dir: string, uj: number) => writeFile(path.join(base, dir, 'energy_uj'), `${uj}\n`);
  return { root, set };
}

/** A stepping clock: each call returns the next value. */
function clock(...ms: number[]) {
  let i = 0;
  return () => ms[Math.min(i++, ms.length - 1)];
}

describe('RAPL meter on a fake powercap tree', () => {
  it('measures package and dram deltas, skipping core/uncore/psys zones', async () => {
    const { root, set } = await powercap([
      { dir: 'intel-rapl:0', name: 'package-0', energyUj: 1_000_000 },
      { dir: 'intel-rapl:0:0', name: 'core', energyUj: 5 },
      { dir: 'intel-rapl:0:1', name: 'dram', energyUj: 2_000_000 },
      { dir: 'intel-rapl:1', name: 'package-1', energyUj: 0 },
      { dir: 'intel-rapl:2', name: 'psys', energyUj: 0 },
    ]);
    const m = new RaplMeter({ sysfsRoot: root, now: clock(0, 2000) });
    expect(await m.probe()).toEqual({
      available: true,
      domains: ['cpu:package-0', 'dram:0', 'cpu:package-1'],
    });
    await m.start();
    await set('intel-rapl:0', 51_000_000);
    await set('intel-rapl:0:1', 12_000_000);
    await set('intel-rapl:1', 40_500_000);
    const r = await m.stop();
    expect(r).toMatchObject({ method: 'measured', meterId: 'rapl', durationS: 2, samples: 2 });
    expect(r.energyJ).toEqual({ 'cpu:package-0': 50, 'dram:0': 10, 'cpu:package-1': 40.5 });
  });

  it('corrects a counter wraparound with max_energy_range_uj', async () => {
    const { root, set } = await powercap([
      { dir: 'intel-rapl:0', name: 'package-0', energyUj: 999_000_000, maxUj: 1_000_000_000 },
    ]);
    const m = new RaplMeter({ sysfsRoot: root, now: clock(0, 1000) });
    await m.probe();
    await m.start();
    await set('intel-rapl:0', 4_000_000);
    const r = await m.stop();
    expect(r.energyJ['cpu:package-0']).toBeCloseTo(5, 9);
    expect(r.extra?.notes?.join()).toContain('wrapped');
  });

  it('reads AMD zones (amd-rapl)', async () => {
    const { root } = await powercap([{ dir: 'amd-rapl:0', name: 'package-0', energyUj: 1 }]);
    expect(await new RaplMeter({ sysfsRoot: root }).probe()).toEqual({
      available: true,
      domains: ['cpu:package-0'],
    });
  });

  it('skips an unreadable energy_uj with how to grant access', async () => {
    const { root } = await powercap([{ dir: 'intel-rapl:0', name: 'package-0', unreadable: true }]);
    const a = await new RaplMeter({ sysfsRoot: root }).probe();
    expect(a.available).toBe(false);
    const reason = a.available ? '' : a.reason;
    expect(reason).toContain('intel-rapl:0/energy_uj (EISDIR)');
    expect(reason).toContain('sudo chmod a+r /sys/class/powercap/intel-rapl:*/energy_uj');
    expect(reason).toContain('Linux 5.10');
  });

  it('skips on permission denied through the sysfs read seam', async () => {
    const { root } = await powercap([{ dir: 'intel-rapl:0', name: 'package-0', energyUj: 1 }]);
    const readText = async (file: string) => {
      if (file.endsWith('energy_uj'))
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return (await import('node:fs/promises')).readFile(file, 'utf8');
    };
    const a = await new RaplMeter({ sysfsRoot: root, readText }).probe();
    expect(a.available ? '' : a.reason).toMatch(/cannot read .*energy_uj \(EACCES\).*systemd-tmpfiles/);
  });

  it('keeps the packages when only dram is unreadable, and notes it', async () => {
    const { root } = await powercap([
      { dir: 'intel-rapl:0', name: 'package-0', energyUj: 1 },
      { dir: 'intel-rapl:0:0', name: 'dram', unreadable: true },
    ]);
    const m = new RaplMeter({ sysfsRoot: root, now: clock(0, 1000) });
    expect(await m.probe()).toEqual({ available: true, domains: ['cpu:package-0'] });
    await m.start();
    expect((await m.stop()).extra?.notes?.join()).toContain('skipped unreadable');
  });

  it('skips when there is no powercap directory (no driver, or a container)', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'rapl-'));
    const a = await new RaplMeter({ sysfsRoot: root }).probe();
    expect(a.available ? '' : a.reason).toMatch(/no .*sys\/class\/powercap \(no RAPL driver loaded/);
  });

  it.each([
    { start: 10, end: 25, max: 100, expected: { deltaUj: 15, wrapped: false } },
    { start: 90, end: 5, max: 100, expected: { deltaUj: 15, wrapped: true } },
    { start: 90, end: 5, max: Number.POSITIVE_INFINITY, expected: { deltaUj: 0, wrapped: true } },
  ])('counterDelta($start → $end, max $max)', ({ start, end, max, expected }) => {
    expect(counterDelta(start, end, max)).toEqual(expected);
  });
});
