/**
 * A complete, realistic `Report` for renderer, gate and publishing tests: a ResNet-style model
 * whose PRUNED twin has 60% of its conv weights set to zero and two channels removed. Figures are
 * invented but consistent (ratios match the values). `fixtureReport(patch)` deep-merges a patch.
 */
import type { Delta, LayerChange, ModelReport, Report } from '../../src/report/types.js';
import type { ModelAnalysis } from '../../src/model/types.js';

function analysis(
  path: string,
  total: number,
  nonzero: number,
  macsDense: number,
  macsSparse: number,
  fileBytes: number,
): ModelAnalysis {
  return {
    model: {
      path,
      fileBytes,
      externalDataBytes: 0,
      opset: 17,
      irVersion: 8,
      producer: 'pytorch',
      inputs: [{ name: 'input', dtype: 'float32', shape: ['batch', 3, 224, 224] }],
      outputs: [{ name: 'logits', dtype: 'float32', shape: ['batch', 1000] }],
    },
    inputShapes: { input: [1, 3, 224, 224] },
    parameters: {
      total,
      nonzero,
      weightBytes: total * 4,
      byDtype: { float32: { total, nonzero, bytes: total * 4 } },
    },
    macs: {
      dense: macsDense,
      sparse: macsSparse,
      byOpType: { Conv: { nodes: 20, dense: macsDense * 0.97, sparse: macsSparse * 0.97 } },
    },
    flops: { dense: macsDense * 2, sparse: macsSparse * 2 },
    unsupportedOps: [],
    layers: [],
    nodeCount: 69,
    opTypes: { Conv: 20, Relu: 17, Add: 8, Gemm: 1 },
  };
}

function model(
  role: 'base' | 'pruned',
  a: ModelAnalysis,
  p50: number,
  energyJ: number,
  activeJ: number,
): ModelReport {
  return {
    role,
    path: a.model.path,
    analysis: a,
    latencyMs: {
      p50,
      p90: p50 * 1.08,
      p99: p50 * 1.21,
      mean: p50 * 1.02,
      stddev: p50 * 0.04,
      cv: 0.04,
      min: p50 * 0.93,
      max: p50 * 1.4,
      n: 1200,
      outliers: 7,
    },
    throughputPerS: 1000 / p50,
    memory: { peakRssIncreaseBytes: null, gpuMemoryUsedMiB: role === 'base' ? 1234 : 1010, method: 'nvml' },
    energyJ: {
      perInference: energyJ,
      activePerInference: activeJ,
      method: 'measured',
      methodByDomain: { 'gpu:0': 'measured', 'cpu:package-0': 'measured' },
      byDomain: { 'gpu:0': energyJ * 0.9, 'cpu:package-0': energyJ * 0.1 },
      meterByDomain: { 'gpu:0': 'nvml', 'cpu:package-0': 'rapl' },
      meanPowerW: 182.5,
      idlePowerW: { 'gpu:0': 58.1, 'cpu:package-0': 21.4 },
      notes: role === 'base' ? ['NVML and nvidia-smi agree within 2% on gpu:0'] : [],
    },
    co2eG: {
      perInference: energyJ * (380 / 3.6e6) * 1.2,
      per1M: energyJ * (380 / 3.6e6) * 1.2 * 1e6,
      activePerInference: activeJ * (380 / 3.6e6) * 1.2,
      activePer1M: activeJ * (380 / 3.6e6) * 1.2 * 1e6,
    },
    accuracy: { top1: role === 'base' ? 0.761 : 0.754 },
  };
}

function delta(
  base: number,
  pruned: number,
  ci: [number, number] | undefined,
  unit: string,
  method: Delta['method'],
): Delta {
  const ratio = pruned / base;
  const verdict = ci
    ? ci[1] < 1
      ? 'improved'
      : ci[0] > 1
        ? 'regressed'
        : 'no-significant-change'
    : ratio < 1
      ? 'improved'
      : ratio > 1
        ? 'regressed'
        : 'no-significant-change';
  return {
    ratio,
    change: ratio - 1,
    ...(ci && { ci }),
    verdict,
    base,
    pruned,
    unit,
    lowerIsBetter: true,
    method,
  };
}

function layers(): LayerChange[] {
  const out: LayerChange[] = [];
  for (let i = 0; i < 20; i++) {
    const params = 36_864 * (1 + (i % 4));
    const macs = (params * 3136) / (1 + Math.floor(i / 5));
    const keep = i === 19 ? 1 : 0.4;
    out.push({
      name: `/layer${1 + Math.floor(i / 5)}/block${i % 5}/conv${i % 2 ? 2 : 1}/Conv`,
      opType: 'Conv',
      base: { params, nonzero: params, macsDense: macs, macsSparse: macs },
      pruned: {
        params,
        nonzero: Math.round(params * keep),
        macsDense: macs,
        macsSparse: Math.round(macs * keep),
      },
    });
  }
  return out;
}

/** The fixture; energy savings 41% ±2.9%, MACs (sparse) −58%, p50 latency −12%. */
export function baseReport(): Report {
  const a = analysis(
    'models/resnet18.onnx',
    11_689_512,
    11_689_000,
    1_814_000_000,
    1_813_000_000,
    46_830_000,
  );
  const b = analysis(
    'models/resnet18-pruned.onnx',
    11_689_512,
    4_790_000,
    1_814_000_000,
    761_460_000,
    46_830_000,
  );
  const base = model('base', a, 4.12, 0.7413, 0.5102);
  const pruned = model('pruned', b, 3.63, 0.4374, 0.3011);
  const e = (k: 'perInference' | 'activePerInference') => [base.energyJ[k], pruned.energyJ[k]] as const;
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'carbon-delta', version: '0.1.0' },
    createdAt: '2026-12-04T12:00:00.000Z',
    models: { base, pruned },
    deltas: {
      parameters: delta(a.parameters.total, b.parameters.total, undefined, 'count', 'exact'),
      nonzeroParameters: delta(a.parameters.nonzero, b.parameters.nonzero, undefined, 'count', 'exact'),
      macsDense: delta(a.macs.dense, b.macs.dense, undefined, 'MACs', 'exact'),
      macsSparse: delta(a.macs.sparse, b.macs.sparse, undefined, 'MACs', 'exact'),
      latencyP50: delta(4.12, 3.63, [0.861, 0.902], 'ms', 'measured'),
      energyPerInference: delta(...e('perInference'), [0.561, 0.619], 'J', 'measured'),
      activeEnergyPerInference: delta(...e('activePerInference'), [0.561, 0.619], 'J', 'measured'),
      co2ePerInference: delta(
        base.co2eG.perInference,
        pruned.co2eG.perInference,
        [0.561, 0.619],
        'g',
        'measured',
      ),
    },
    pruning: {
      kind: 'unstructured',
      description: '59% of Conv weights are exactly zero; no channels removed.',
    },
    layers: layers(),
    benchmark: {
      mode: 'onnx',
      batchSize: 1,
      warmupIterations: 50,
      rounds: 12,
      iterationsPerModel: { base: 1200, pruned: 1200 },
      durationS: 64.2,
      stopReason: 'confidence interval of the energy savings narrower than ±3%',
      confidence: 0.95,
    },
    lifetime: {
      basis: 'total',
      lifetimeQueries: 1_000_000_000,
      lifetimeQueriesFrom: 'queries-per-day × lifetime-days',
      base: { trainingCo2eKg: 120, perQueryCo2eG: 9.39e-5, inferenceCo2eKg: 93.9, totalCo2eKg: 213.9 },
      pruned: { trainingCo2eKg: 121.2, perQueryCo2eG: 5.54e-5, inferenceCo2eKg: 55.4, totalCo2eKg: 176.6 },
      pruningRunCo2eKg: 1.2,
      savingsPerQueryCo2eG: 3.85e-5,
      savingsCo2eKg: 37.3,
      breakEven: { status: 'pays-back', queries: 31_200_000, withinLifetime: true },
      trainingSources: { base: 'training-co2e-kg-base: 120', pruned: 'emissions.csv (3 rows)' },
    },
    cost: {
      currency: 'EUR',
      electricityPricePerKWh: 0.3,
      instancePricePerHour: null,
      base: {
        energyCostPer1M: 0.0741,
        computeCostPer1M: null,
        energyCostLifetime: 74.1,
        computeCostLifetime: null,
      },
      pruned: {
        energyCostPer1M: 0.0437,
        computeCostPer1M: null,
        energyCostLifetime: 43.7,
        computeCostLifetime: null,
      },
      savings: {
        energyCostPer1M: 0.0304,
        computeCostPer1M: null,
        energyCostLifetime: 30.4,
        computeCostLifetime: null,
      },
    },
    batchSizes: [
      {
        batchSize: 1,
        latencyP50Ms: { base: 4.12, pruned: 3.63 },
        throughputPerS: { base: 243, pruned: 275 },
        energyJPerInference: { base: 0.7413, pruned: 0.4374 },
        latencyRatio: { ratio: 0.881, ci: [0.861, 0.902] },
        energyRatio: { ratio: 0.59, ci: [0.561, 0.619] },
        stopReason: 'interval narrow enough',
      },
      {
        batchSize: 8,
        latencyP50Ms: { base: 21.7, pruned: 18.1 },
        throughputPerS: { base: 369, pruned: 442 },
        energyJPerInference: { base: 0.402, pruned: 0.251 },
        latencyRatio: { ratio: 0.834, ci: [0.82, 0.85] },
        energyRatio: null,
        stopReason: 'time budget spent',
      },
    ],
    gate: { passed: true, enforced: true, checks: [] },
    environment: {
      executionProvider: 'cuda',
      hardware: {
        cpuModel: 'AMD EPYC 7R13',
        logicalCores: 16,
        totalMemoryBytes: 64 * 1024 ** 3,
        gpus: [
          { index: 0, name: 'NVIDIA A10G', uuid: 'GPU-0000', memoryTotalMiB: 23028, driverVersion: '550.54' },
        ],
        platform: 'linux',
        arch: 'x64',
      },
      meters: {
        used: ['nvml', 'rapl'],
        skipped: [
          { id: 'nvidia-smi', reason: 'NVML already measures gpu:0' },
          { id: 'cpu-tdp', reason: 'a measured CPU meter is active' },
        ],
        idlePowerW: { 'gpu:0': 58.1, 'cpu:package-0': 21.4 },
      },
      carbonIntensity: {
        intensityGPerKWh: 380,
        source: 'Ember yearly electricity data',
        year: 2024,
        kind: 'average',
        pue: 1.2,
        zone: 'DE',
        attribution: 'Ember (CC BY 4.0)',
      },
      runtime: { node: 'v20.19.0', onnxruntime: '1.23.2' },
    },
    warnings: [],
  };
}

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K];
};

function merge<T>(target: T, patch: DeepPartial<T> | undefined): T {
  if (!patch) return target;
  const out = { ...(target as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    const cur = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)
        ? merge(cur, v as never)
        : v;
  }
  return out as T;
}

/** `baseReport()` with `patch` deep-merged (arrays replace). */
export function fixtureReport(patch?: DeepPartial<Report>): Report {
  return merge(baseReport(), patch);
}

/** The fixture with energy (and so CO2e) savings changed to `savings` (fraction), interval half-width `hw`. */
export function withEnergySavings(report: Report, savings: number, hw: number): Report {
  const ratio = 1 - savings;
  const ci: [number, number] = [ratio - hw, ratio + hw];
  const b = report.models.base;
  const p = report.models.pruned;
  const pruned: ModelReport = {
    ...p,
    energyJ: { ...p.energyJ, perInference: b.energyJ.perInference * ratio },
    co2eG: { ...p.co2eG, perInference: b.co2eG.perInference * ratio, per1M: b.co2eG.per1M * ratio },
  };
  const cost = report.cost && {
    ...report.cost,
    pruned: { ...report.cost.pruned, energyCostPer1M: (report.cost.base.energyCostPer1M ?? 0) * ratio },
  };
  return {
    ...report,
    ...(cost && { cost }),
    models: { ...report.models, pruned },
    deltas: {
      ...report.deltas,
      energyPerInference: delta(b.energyJ.perInference, pruned.energyJ.perInference, ci, 'J', 'measured'),
      co2ePerInference: delta(b.co2eG.perInference, pruned.co2eG.perInference, ci, 'g', 'measured'),
    },
  };
}
