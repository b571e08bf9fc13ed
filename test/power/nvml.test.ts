import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveGpuChoice } from '../../src/power/gpus.js';
import { NvmlMeter } from '../../src/power/nvml.js';
import { FIXTURES, sleep } from './helpers.js';

function hasCc(): boolean {
  try {
    execFileSync('cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const all = resolveGpuChoice(null, {});

describe('NVML meter', () => {
  it('skips cleanly when libnvidia-ml.so.1 is missing (this machine)', async () => {
    const a = await new NvmlMeter({ gpus: all, library: '/nonexistent/libnvidia-ml.so.1' }).probe();
    expect(a).toMatchObject({ available: false });
    expect(a.available ? '' : a.reason).toMatch(
      /^cannot load \/nonexistent\/libnvidia-ml.so.1 \(.*\): no NVIDIA driver/,
    );
  });

  describe.skipIf(!hasCc())('against a fake libnvidia-ml built with cc', () => {
    let dir = '';
    const lib = (name: string) => path.join(dir, name, 'libnvidia-ml.so.1');
    const meters: NvmlMeter[] = [];
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'nvml-'));
      for (const [name, flags] of [
        ['full', []],
        ['old', ['-DNO_ENERGY']],
      ] as const) {
        execFileSync('mkdir', ['-p', path.join(dir, name)]);
        execFileSync('cc', [
          '-shared',
          '-fPIC',
          ...flags,
          '-o',
          lib(name),
          path.join(FIXTURES, 'fake-nvml.c'),
        ]);
      }
    });
    afterEach(async () => {
      await Promise.all(meters.splice(0).map((m) => m.close()));
      for (const k of [
        'FAKE_NVML_GPUS',
        'FAKE_NVML_POWER_W',
        'FAKE_NVML_NOT_SUPPORTED',
        'FAKE_NVML_INIT_FAIL',
      ])
        delete process.env[k];
    });

    it('reads the energy counter through koffi (150 W for 0.5 s ≈ 75 J)', async () => {
      process.env.FAKE_NVML_POWER_W = '150';
      process.env.FAKE_NVML_GPUS = '2';
      const m = new NvmlMeter({ gpus: all, library: lib('full') });
      meters.push(m);
      expect(await m.probe()).toEqual({ available: true, domains: ['gpu:0', 'gpu:1'] });
      await m.start();
      await sleep(500);
      const r = await m.stop();
      expect(r.method).toBe('measured');
      expect(r.energyJ['gpu:0'] / r.durationS).toBeGreaterThan(148);
      expect(r.energyJ['gpu:0'] / r.durationS).toBeLessThan(152);
      expect(r.energyJ['gpu:1'] / r.durationS).toBeCloseTo(160, -1);
      expect(r.extra?.notes?.join()).toContain('short for a counter');
    });

    it('selects GPUs by UUID', async () => {
      process.env.FAKE_NVML_GPUS = '3';
      const m = new NvmlMeter({ gpus: resolveGpuChoice(['GPU-00000002'], {}), library: lib('full') });
      meters.push(m);
      expect(await m.probe()).toEqual({ available: true, domains: ['gpu:2'] });
    });

    const skips = [
      {
        what: 'an old driver without the energy function',
        name: 'old',
        env: {},
        reason: /has no nvmlDeviceGetTotalEnergyConsumption/,
      },
      {
        what: 'a pre-Volta GPU',
        name: 'full',
        env: { FAKE_NVML_NOT_SUPPORTED: '1' },
        reason: /GPU 0 has no energy counter .*Volta/,
      },
      {
        what: 'driver not loaded',
        name: 'full',
        env: { FAKE_NVML_INIT_FAIL: '1' },
        reason: /nvmlInit_v2 failed: Driver Not Loaded/,
      },
    ];
    it.each(skips)('skips with a reason: $what', async ({ name, env, reason }) => {
      Object.assign(process.env, env);
      const a = await new NvmlMeter({ gpus: all, library: lib(name) }).probe();
      expect(a.available ? '' : a.reason).toMatch(reason);
    });
  });
});
