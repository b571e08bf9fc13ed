import { describe, expect, it } from 'vitest';
import { integrateWindow, powerAt, type PowerSample } from '../../src/power/integrate.js';

/** Samples of `powerW(t)` every `stepMs` from `fromMs` to `toMs`, inclusive. */
function trace(powerW: (tS: number) => number, fromMs: number, toMs: number, stepMs: number): PowerSample[] {
  const out: PowerSample[] = [];
  for (let t = fromMs; t <= toMs + 1e-9; t += stepMs) out.push({ timeMs: t, powerW: powerW(t / 1000) });
  return out;
}

describe('integrateWindow on synthetic power traces', () => {
  const cases = [
    {
      what: 'constant 100 W',
      p: () => 100,
      from: 0,
      to: 10_000,
      step: 100,
      start: 250,
      stop: 7_730,
      exact: 100 * 7.48,
    },
    // Linear power: trapezoids are exact, edges interpolated. ∫(50 + 10 t) dt from 1.05 to 8.95 s.
    {
      what: 'ramp 50 + 10·t W',
      p: (t: number) => 50 + 10 * t,
      from: 0,
      to: 10_000,
      step: 100,
      start: 1_050,
      stop: 8_950,
      exact: 50 * 7.9 + 5 * (8.95 ** 2 - 1.05 ** 2),
    },
    // Sine at 100 ms sampling over whole periods: ∫(200 + 80 sin(2π t / 2)) over 0..8 s = 1600 J.
    {
      what: 'sine 200 ± 80 W, 2 s period',
      p: (t: number) => 200 + 80 * Math.sin(Math.PI * t),
      from: 0,
      to: 8_000,
      step: 100,
      start: 0,
      stop: 8_000,
      exact: 1600,
    },
    // Sine, not whole periods, 50 ms sampling: ∫ over 0.3..5.1 s.
    {
      what: 'sine, partial periods',
      p: (t: number) => 150 + 60 * Math.sin(Math.PI * t),
      from: 0,
      to: 6_000,
      step: 50,
      start: 300,
      stop: 5_100,
      exact: 150 * 4.8 + (60 / Math.PI) * (Math.cos(Math.PI * 0.3) - Math.cos(Math.PI * 5.1)),
    },
    // Step from 80 to 300 W at 2 s, sampled every 10 ms: the one straddling trapezoid errs by ≤ 1.1 J of ~1180 J.
    {
      what: 'step 80 → 300 W',
      p: (t: number) => (t < 2 ? 80 : 300),
      from: 0,
      to: 6_000,
      step: 10,
      start: 500,
      stop: 5_500,
      exact: 80 * 1.5 + 300 * 3.5,
    },
  ];
  it.each(cases)('$what is exact to 0.1 %', ({ p, from, to, step, start, stop, exact }) => {
    const result = integrateWindow(trace(p, from, to, step), start, stop);
    expect(Math.abs(result.energyJ - exact) / exact).toBeLessThan(0.001);
    expect(result.extrapolated).toBe(false);
  });

  it('interpolates between samples at the window edges', () => {
    const samples = [
      { timeMs: 0, powerW: 0 },
      { timeMs: 1000, powerW: 100 },
    ];
    expect(powerAt(samples, 250)).toBeCloseTo(25, 12);
    // ∫ of 100·t from 0.25 to 0.75 s = 50 · (0.5625 − 0.0625) = 25 J
    expect(integrateWindow(samples, 250, 750).energyJ).toBeCloseTo(25, 12);
  });

  it('holds the edge sample when the trace does not cover the window, and says so', () => {
    const samples = [
      { timeMs: 1000, powerW: 40 },
      { timeMs: 2000, powerW: 40 },
    ];
    const result = integrateWindow(samples, 500, 2500);
    expect(result.energyJ).toBeCloseTo(80, 12);
    expect(result.extrapolated).toBe(true);
    expect(result.samples).toBe(2);
  });

  it('gives 0 J without samples or for an empty window', () => {
    expect(integrateWindow([], 0, 1000)).toEqual({ energyJ: 0, samples: 0, extrapolated: true });
    expect(integrateWindow([{ timeMs: 0, powerW: 5 }], 1000, 1000).energyJ).toBe(0);
  });
});
