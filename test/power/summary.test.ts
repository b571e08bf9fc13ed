import { describe, expect, it } from 'vitest';
import { crossCheck, summarizeEnergy } from '../../src/power/summary.js';
import type { EnergyReading, MeasuredWindow } from '../../src/power/types.js';

const reading = (
  meterId: string,
  energyJ: Record<string, number>,
  durationS: number,
  method: 'measured' | 'estimated' = 'measured',
): EnergyReading => ({
  meterId,
  energyJ,
  durationS,
  samples: 2,
  method,
});
const win = (
  role: MeasuredWindow['role'],
  inferences: number,
  durationS: number,
  readings: EnergyReading[],
): MeasuredWindow => ({
  role,
  inferences,
  durationS,
  readings,
});

describe('summarizeEnergy', () => {
  // Idle: GPU 50 W, CPU estimate 0 W, RAM estimate 6 W. Base windows: 2 s each.
  const idle = win('idle', 0, 4, [
    reading('nvml', { 'gpu:0': 200 }, 4),
    reading('estimate', { cpu: 0, dram: 24 }, 4, 'estimated'),
  ]);
  const windows = [
    win('base', 100, 2, [
      reading('nvml', { 'gpu:0': 400 }, 2),
      reading('estimate', { cpu: 60, dram: 12 }, 2, 'estimated'),
    ]),
    win('pruned', 100, 2, [
      reading('nvml', { 'gpu:0': 300 }, 2),
      reading('estimate', { cpu: 40, dram: 12 }, 2, 'estimated'),
    ]),
    win('base', 200, 2, [
      reading('nvml', { 'gpu:0': 500 }, 2),
      reading('estimate', { cpu: 80, dram: 12 }, 2, 'estimated'),
    ]),
  ];

  it('total, idle power, active energy per inference, per domain and per window', () => {
    const s = summarizeEnergy(windows, idle, 'base');
    // total = (400+60+12 + 500+80+12) / 300 = 1064 / 300
    expect(s.perInference).toBeCloseTo(1064 / 300, 12);
    expect(s.idlePowerW).toEqual({ 'gpu:0': 50, cpu: 0, dram: 6 });
    // active = (1064 − 56 W × 4 s) / 300
    expect(s.activePerInference).toBeCloseTo((1064 - 56 * 4) / 300, 12);
    expect(s.byDomain).toEqual({ cpu: 140 / 300, dram: 24 / 300, 'gpu:0': 900 / 300 });
    expect(s.perWindowJPerInference).toEqual([472 / 100, 592 / 200]);
    expect(s.perWindowActiveJPerInference[0]).toBeCloseTo((472 - 112) / 100, 12);
    expect(s.meanPowerW).toBeCloseTo(1064 / 4, 12);
    expect(s.method).toBe('estimated');
    expect(s.methodByDomain).toEqual({ cpu: 'estimated', dram: 'estimated', 'gpu:0': 'measured' });
  });

  it('is measured when every counted domain is', () => {
    const only = [win('pruned', 10, 1, [reading('rapl', { 'cpu:package-0': 30 }, 1)])];
    const s = summarizeEnergy(only, null, 'pruned');
    expect(s).toMatchObject({ method: 'measured', perInference: 3, activePerInference: 3 });
    expect(s.notes).toContain('no idle window: active energy equals total energy');
  });

  it('clamps active energy at zero and says so', () => {
    const hot = win('idle', 0, 1, [reading('rapl', { 'cpu:package-0': 100 }, 1)]);
    const cool = [win('base', 10, 1, [reading('rapl', { 'cpu:package-0': 80 }, 1)])];
    const s = summarizeEnergy(cool, hot, 'base');
    expect(s.activePerInference).toBe(0);
    expect(s.perWindowActiveJPerInference).toEqual([0]);
    expect(s.notes.join()).toContain('clamped at 0');
  });

  it('prefers NVML over nvidia-smi for a GPU and reports their disagreement', () => {
    const both = [
      win('base', 10, 1, [reading('nvidia-smi', { 'gpu:0': 105 }, 1), reading('nvml', { 'gpu:0': 100 }, 1)]),
      win('base', 10, 1, [reading('nvidia-smi', { 'gpu:0': 105 }, 1), reading('nvml', { 'gpu:0': 100 }, 1)]),
    ];
    const s = summarizeEnergy(both, null, 'base');
    expect(s.perInference).toBe(10);
    expect(s.meterByDomain['gpu:0']).toBe('nvml');
    expect(s.notes).toContain('cross-check gpu:0: nvidia-smi 210.00 J vs nvml 200.00 J (+5.0 %)');
    expect(crossCheck(both)).toHaveLength(1);
  });

  it('takes the external wall meter alone as the total', () => {
    const wall = [
      win('base', 10, 1, [reading('external', { system: 300 }, 1), reading('nvml', { 'gpu:0': 200 }, 1)]),
    ];
    const s = summarizeEnergy(wall, null, 'base');
    expect(s.perInference).toBe(30);
    expect(s.countedDomains).toEqual(['system']);
    expect(s.byDomain['gpu:0']).toBe(20);
  });

  it('throws on a harness bug: no windows of the role', () => {
    expect(() => summarizeEnergy(windows, idle, 'pruned')).not.toThrow();
    expect(() => summarizeEnergy([], idle, 'base')).toThrow(/no base windows/);
  });
});
