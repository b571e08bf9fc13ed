import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cpuTdp, DEFAULT_CPU_TDP_W } from '../../src/power/cpu-tdp.js';
import { childrenCpuTimeS, EstimateMeter, processCpuTimeS } from '../../src/power/estimate.js';

describe('cpuTdp', () => {
  it.each([
    { model: 'AMD EPYC 7763 64-Core Processor', configured: null, tdpW: 280 },
    { model: 'Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz', configured: null, tdpW: 270 },
    { model: 'AMD EPYC 7763 64-Core Processor', configured: 200, tdpW: 200 },
    { model: 'AMD EPYC', configured: null, tdpW: DEFAULT_CPU_TDP_W },
  ])('$model (configured $configured) → $tdpW W', ({ model, configured, tdpW }) => {
    expect(cpuTdp(model, configured).tdpW).toBe(tdpW);
  });
});

describe('EstimateMeter', () => {
  it('CPU time × TDP / logical cores, and installed GB × W/GB × duration, labelled estimated', async () => {
    let cpuS = 10;
    let ms = 0;
    const m = new EstimateMeter({
      cpu: true,
      dram: true,
      tdp: { tdpW: 280, source: 'test' },
      logicalCores: 4,
      totalMemoryBytes: 16e9,
      ramWPerGb: 0.375,
      cpuTime: () => cpuS,
      now: () => ms,
    });
    expect(await m.probe()).toEqual({ available: true, domains: ['cpu', 'dram'] });
    await m.start();
    cpuS += 2; // 2 s of CPU over a 1 s window (two cores busy)
    ms += 1000;
    const r = await m.stop();
    expect(r).toMatchObject({ method: 'estimated', meterId: 'estimate', samples: 0, durationS: 1 });
    expect(r.energyJ.cpu).toBeCloseTo(140, 9); // 2 s × 280 W / 4
    expect(r.energyJ.dram).toBeCloseTo(6, 9); // 16 GB × 0.375 W/GB × 1 s
    expect(r.extra?.notes?.[0]).toContain('280 W TDP / 4 logical cores');
  });
});

describe('childrenCpuTimeS', () => {
  it('reads cutime + cstime from /proc/self/stat', () => {
    // pid (comm with space) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
    const stat = '42 (node worker) S 1 42 42 0 -1 4194304 100 200 0 0 500 60 250 50 20 0 11 0 1234';
    expect(childrenCpuTimeS(stat)).toBeCloseTo(3, 12);
    expect(childrenCpuTimeS('garbage')).toBe(0);
  });

  it('counts the CPU time of finished child processes', async () => {
    const before = processCpuTimeS();
    execFileSync(process.execPath, ['-e', 'while (process.cpuUsage().user < 300000) {}']);
    expect(processCpuTimeS() - before).toBeGreaterThan(0.2);
  });
});
