import { describe, expect, it } from 'vitest';
import { ExternalMeter, firstNumber } from '../../src/power/external.js';
import { fakeEnv, sleep } from './helpers.js';

describe('external meter command', () => {
  it('polls watts and integrates them (ipmitool-style output)', async () => {
    const m = new ExternalMeter({
      command: ['fake-meter', 'power'],
      mode: 'power',
      intervalMs: 100,
      env: fakeEnv({ FAKE_METER_W: '250' }),
    });
    expect(await m.probe()).toEqual({ available: true, domains: ['system'] });
    await m.start();
    await sleep(500);
    const r = await m.stop();
    await m.close();
    expect(r).toMatchObject({ method: 'measured', meterId: 'external' });
    expect(Math.abs(r.energyJ.system / (250 * r.durationS) - 1)).toBeLessThan(0.001);
    expect(r.samples).toBeGreaterThanOrEqual(1);
  });

  it('reads a cumulative joule meter at start and stop', async () => {
    const m = new ExternalMeter({
      command: ['fake-meter', 'energy'],
      mode: 'energy',
      intervalMs: 1000,
      env: fakeEnv({ FAKE_METER_W: '40' }),
    });
    expect((await m.probe()).available).toBe(true);
    await m.start();
    await sleep(400);
    const r = await m.stop();
    // The command's own start-up time falls outside the timed window, so allow a few percent.
    expect(r.energyJ.system / r.durationS).toBeGreaterThan(30);
    expect(r.energyJ.system / r.durationS).toBeLessThan(60);
  });

  it.each([
    {
      what: 'a failing command',
      command: ['fake-meter', 'fail'],
      reason: /`fake-meter fail` failed: fake-meter exited with code 1/,
    },
    {
      what: 'output without a number',
      command: ['fake-meter', 'silent'],
      reason: /printed no number \("no reading"\)/,
    },
    {
      what: 'a missing command',
      command: ['no-such-meter-cmd'],
      reason: /no-such-meter-cmd not found on PATH/,
    },
  ])('skips $what with a reason', async ({ command, reason }) => {
    const a = await new ExternalMeter({ command, mode: 'power', intervalMs: 100, env: fakeEnv() }).probe();
    expect(a.available ? '' : a.reason).toMatch(reason);
  });

  it.each([
    { text: 'Instantaneous power reading:   254 Watts', expected: 254 },
    { text: '31.5\n', expected: 31.5 },
    { text: 'energy 1.2e3 J', expected: 1200 },
    { text: 'nothing', expected: null },
  ])('firstNumber($text)', ({ text, expected }) => {
    expect(firstNumber(text)).toBe(expected);
  });
});
