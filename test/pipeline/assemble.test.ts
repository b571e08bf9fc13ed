/**
 * The pure assembly from measurements to the Report: per-inference energy, idle correction,
 * CO2e, intervals and labels add up as the report promises.
 */
import { describe, expect, it } from 'vitest';
import { readCarbonOptions } from '../../src/carbon/inputs.js';
import { assembleReport, type Measured } from '../../src/pipeline/assemble.js';
import type { EnergyReading, MeasuredWindow } from '../../src/power/types.js';
import type { CarbonIntensityInfo } from '../../src/report/types.js';
import { readWorkloadOptions } from '../../src/workload/inputs.js';
import type { BenchmarkResult, RoleResult } from '../../src/workload/types.js';

const reading = (cpuJ: number): EnergyReading => ({
  energyJ: { cpu: cpuJ },
  durationS: 1,
  samples: 0,
  method: 'estimated',
  meterId: 'estimate',
});
/** A 1 s window with `n` inferences and `cpuJ` joules. */
const win = (role: 'base' | 'pruned' | 'idle', n: number, cpuJ: number): MeasuredWindow => ({
  role,
  inferences: n,
  durationS: 1,
  readings: [reading(cpuJ)],
});
const roleResult = (windows: MeasuredWindow[]): RoleResult => ({
  latencyMs: windows.flatMap((w) => Array.from({ length: 5 }, () => 1000 / w.inferences)),
  windows,
  throughputPerS: windows.reduce((a, w) => a + w.inferences, 0) / windows.length,
  iterations: windows.reduce((a, w) => a + w.inferences, 0),
  windowStatMs: windows.map((w) => 1000 / w.inferences),
  peakRssIncreaseBytes: null,
  gpuMemoryUsedMiB: null,
});

// Six rounds: BASE 100 inferences for 20 J (+ 5 J idle), PRUNED 200 inferences for 15 J (+ 5 J idle).
const rounds = 6;
const bench: BenchmarkResult = {
  mode: 'onnx',
  executionProvider: 'cpu',
  requestedExecutionProvider: 'cpu',
  batchSize: 1,
  warmupIterations: 10,
  rounds,
  durationS: 12,
  stopReason: 'test',
  freshSessions: true,
  stoppedBy: 'duration',
  confidence: 0.95,
  base: roleResult(Array.from({ length: rounds }, () => win('base', 100, 25))),
  pruned: roleResult(Array.from({ length: rounds }, () => win('pruned', 200, 20))),
  idle: win('idle', 0, 5),
  delta: { ratio: 0.5, ci: [0.48, 0.52], coverage: 0.97, exact: true, verdict: 'improved', halfWidthPct: 4 },
  inputSources: {},
  warnings: [],
};
const intensity: CarbonIntensityInfo = {
  intensityGPerKWh: 360,
  source: 'test',
  year: 2024,
  kind: 'average',
  pue: 1.5,
};

function measured(patch: Partial<Measured> = {}): Measured {
  return {
    cwd: '/repo',
    core: {
      basePath: '/repo/models/base.onnx',
      prunedPath: '/repo/models/pruned.onnx',
      inputShapes: {},
      outDir: '/repo/out',
    },
    workload: readWorkloadOptions({}),
    carbon: readCarbonOptions({ 'carbon-intensity': 360 }),
    training: undefined,
    baseAnalysis: null,
    prunedAnalysis: null,
    comparison: null,
    benchmarks: [bench],
    accuracy: null,
    selection: { active: [], skipped: [{ id: 'nvml', reason: 'no driver' }] },
    intensity,
    hardware: {
      cpuModel: 'test',
      logicalCores: 2,
      totalMemoryBytes: 1,
      platform: 'linux',
      arch: 'x64',
      gpus: [],
    },
    ortVersion: '1.23.2',
    warnings: [],
    ...patch,
  };
}

describe('assembleReport', () => {
  const report = assembleReport(measured());
  const { base, pruned } = report.models;

  it('divides window energy by inferences, and subtracts idle power for the active figure', () => {
    expect(base.energyJ.perInference).toBeCloseTo(25 / 100, 12);
    expect(pruned.energyJ.perInference).toBeCloseTo(20 / 200, 12);
    expect(base.energyJ.activePerInference).toBeCloseTo((25 - 5) / 100, 12);
    expect(pruned.energyJ.activePerInference).toBeCloseTo((20 - 5) / 200, 12);
    expect(base.energyJ.method).toBe('estimated');
  });

  it('turns energy into CO2e with the intensity and PUE (J → kWh × 1.5 × 360 g)', () => {
    const grams = (j: number) => (j / 3.6e6) * 1.5 * 360;
    expect(base.co2eG.perInference).toBeCloseTo(grams(0.25), 15);
    expect(base.co2eG.per1M).toBeCloseTo(grams(0.25) * 1e6, 9);
    expect(pruned.co2eG.activePer1M).toBeCloseTo(grams(0.075) * 1e6, 9);
  });

  it('gives ratios of the figures shown, with the per-round intervals', () => {
    expect(report.deltas.energyPerInference).toMatchObject({ ratio: 0.4, verdict: 'improved' });
    expect(report.deltas.energyPerInference.ci).toEqual([0.4, 0.4]);
    expect(report.deltas.co2ePerInference.ratio).toBeCloseTo(0.4, 12);
    expect(report.deltas.throughput).toMatchObject({ ratio: 2, verdict: 'improved' });
    expect(report.deltas.latencyP50.ci).toEqual([0.48, 0.52]);
    expect(report.deltas.macsDense.verdict).toBe('not-measured');
  });

  it('shows paths relative to the working directory, and commands in command mode', () => {
    expect(base.path).toBe('models/base.onnx');
    const workload = { ...readWorkloadOptions({}), baseCommand: ['python', 'bench.py', 'base.pt'] };
    expect(assembleReport(measured({ workload })).models.base.path).toBe('python bench.py base.pt');
  });

  it('carries the environment: meters used and skipped, idle power, intensity', () => {
    expect(report.environment.meters.skipped).toEqual([{ id: 'nvml', reason: 'no driver' }]);
    expect(report.environment.meters.idlePowerW).toEqual({ cpu: 5 });
    expect(report.environment.carbonIntensity.pue).toBe(1.5);
    expect(report.batchSizes).toHaveLength(1);
  });
});
