import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/log.js';
import { resolveGpuChoice } from '../../src/power/gpus.js';
import { NvidiaSmiMeter } from '../../src/power/nvidia-smi.js';
import { fakeEnv, sleep } from './helpers.js';

const meters: NvidiaSmiMeter[] = [];
afterEach(async () => {
  await Promise.all(meters.splice(0).map((m) => m.close()));
});

function meter(extra: Record<string, string> = {}, gpus: string[] | null = null, intervalMs = 50) {
  const env = fakeEnv(extra);
  const logger = memoryLogger();
  const m = new NvidiaSmiMeter({ intervalMs, gpus: resolveGpuChoice(gpus, env), env, logger });
  meters.push(m);
  return { m, logger };
}

/** One measured window of `ms`. */
async function window(m: NvidiaSmiMeter, ms: number) {
  await m.start();
  await sleep(ms);
  return m.stop();
}

describe('nvidia-smi sampler with a fake nvidia-smi on PATH', () => {
  it('integrates a constant 100 W to within 0.1 % and reports memory and utilisation', async () => {
    const { m } = meter({ FAKE_SMI_POWER_W: '100' });
    expect(await m.probe()).toEqual({ available: true, domains: ['gpu:0'] });
    expect(m.powerField).toBe('power.draw.instant');
    const r = await window(m, 600);
    expect(r.method).toBe('measured');
    expect(r.durationS).toBeGreaterThan(0.55);
    expect(Math.abs(r.energyJ['gpu:0'] / (100 * r.durationS) - 1)).toBeLessThan(0.001);
    expect(r.samples).toBeGreaterThanOrEqual(8);
    expect(r.extra).toMatchObject({ gpuMemoryUsedMiB: 1024, gpuUtilizationPct: 37 });
    // A second window reuses the same process.
    const r2 = await window(m, 300);
    expect(Math.abs(r2.energyJ['gpu:0'] / (100 * r2.durationS) - 1)).toBeLessThan(0.001);
  });

  it('meters two GPUs, or only those CUDA_VISIBLE_DEVICES leaves visible', async () => {
    const both = meter({ FAKE_SMI_GPUS: '2' }).m;
    expect(await both.probe()).toEqual({ available: true, domains: ['gpu:0', 'gpu:1'] });
    const r = await window(both, 300);
    expect(r.energyJ['gpu:1'] / r.durationS).toBeCloseTo(110, 0);
    const env = fakeEnv({ FAKE_SMI_GPUS: '2', CUDA_VISIBLE_DEVICES: 'GPU-00000001' });
    const one = new NvidiaSmiMeter({ intervalMs: 50, gpus: resolveGpuChoice(null, env), env });
    meters.push(one);
    expect(await one.probe()).toEqual({ available: true, domains: ['gpu:1'] });
  });

  it('falls back to power.draw when the driver rejects power.draw.instant, and says so', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'smi-'));
    const log = path.join(dir, 'argv.jsonl');
    const { m, logger } = meter({
      FAKE_SMI_UNSUPPORTED: 'power.draw.instant',
      FAKE_SMI_LOG: log,
      FAKE_SMI_POWER_W: '60',
    });
    expect((await m.probe()).available).toBe(true);
    expect(m.powerField).toBe('power.draw');
    expect(logger.lines.some((l) => l.level === 'warn' && l.message.includes('1-second average'))).toBe(true);
    const r = await window(m, 300);
    expect(r.energyJ['gpu:0'] / r.durationS).toBeCloseTo(60, 1);
    expect(r.extra?.notes?.join()).toContain('power.draw (1 s average');
    const calls = (await readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[]);
    expect(calls[0][0]).toContain('power.draw.instant');
    expect(calls.at(-1)).toEqual([
      '--query-gpu=index,uuid,timestamp,power.draw,memory.used,utilization.gpu,clocks.sm,temperature.gpu',
      '--format=csv,noheader,nounits',
      '-lms',
      '50',
    ]);
  });

  it('ignores garbage lines and [N/A] power samples while integrating', async () => {
    const { m } = meter({ FAKE_SMI_GARBAGE: '1', FAKE_SMI_NA_EVERY: '3', FAKE_SMI_POWER_W: '200' });
    expect((await m.probe()).available).toBe(true);
    const r = await window(m, 500);
    expect(Math.abs(r.energyJ['gpu:0'] / (200 * r.durationS) - 1)).toBeLessThan(0.001);
    expect(r.extra?.notes?.join()).toMatch(/ignored \d+ malformed line/);
  });

  it('restarts the sampler when it dies mid-run', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'smi-'));
    const { m, logger } = meter({
      FAKE_SMI_DIE_AFTER_MS: '250',
      FAKE_SMI_DIE_ONCE_FILE: path.join(dir, 'died'),
    });
    expect((await m.probe()).available).toBe(true);
    const r = await window(m, 700);
    expect(r.extra?.notes?.join()).toContain('restarted (1/3)');
    expect(logger.lines.some((l) => l.message.includes('restarting'))).toBe(true);
    // The gap during the restart is bridged by interpolation; energy stays close to 100 W.
    expect(r.energyJ['gpu:0'] / r.durationS).toBeCloseTo(100, 0);
  });

  it('gives up after repeated deaths and says so in every reading', async () => {
    const { m } = meter({ FAKE_SMI_DIE_AFTER_MS: '60' });
    expect((await m.probe()).available).toBe(true);
    await window(m, 900);
    const r = await window(m, 50);
    expect(r.extra?.notes?.join()).toMatch(/sampler stopped \(exited with code 1, after 3 restarts\)/);
  });

  const skips = [
    { what: 'no nvidia-smi at all', env: { PATH: '/nonexistent' }, reason: /nvidia-smi not found on PATH/ },
    {
      what: 'driver not loaded',
      env: { FAKE_SMI_NO_DRIVER: '1' },
      reason: /couldn't communicate with the NVIDIA driver/,
    },
    {
      what: 'power [N/A] on this GPU',
      env: { FAKE_SMI_NA: 'power.draw.instant,power.draw' },
      reason: /\[N\/A\] on GPU 0/,
    },
    {
      what: 'power [Not Supported]',
      env: { FAKE_SMI_NOT_SUPPORTED: 'power.draw.instant,power.draw' },
      reason: /\[N\/A\] on GPU 0/,
    },
    {
      what: 'no power field at all',
      env: { FAKE_SMI_UNSUPPORTED: 'power.draw.instant,power.draw' },
      reason: /neither power.draw.instant nor power.draw/,
    },
    { what: 'CUDA_VISIBLE_DEVICES hides all', env: { CUDA_VISIBLE_DEVICES: '' }, reason: /hides every GPU/ },
    {
      what: 'a GPU that is not there',
      env: { CUDA_VISIBLE_DEVICES: '3' },
      reason: /names GPU "3", which is not present/,
    },
  ];
  it.each(skips)('skips with a reason: $what', async ({ env, reason }) => {
    const full = { ...fakeEnv(), ...env };
    const m = new NvidiaSmiMeter({ intervalMs: 50, gpus: resolveGpuChoice(null, full), env: full });
    const a = await m.probe();
    expect(a.available).toBe(false);
    expect(a.available ? '' : a.reason).toMatch(reason);
  });
});
