/**
 * Assembles the `Report` from the stages' results. Pure: every figure arrives as a value; this
 * file only arranges them and derives the delta rows (PRUNED / BASE).
 */
import type { ModelAnalysis } from '../model/types.js';
import { summarize } from '../stats/summary.js';
import { PER_MILLION } from '../units.js';
import { exactDelta, measuredDelta, toleranceDelta } from './deltas.js';
import {
  SCHEMA_VERSION,
  type BenchmarkInfo,
  type CarbonIntensityInfo,
  type Delta,
  type Environment,
  type LayerChange,
  type Method,
  type ModelReport,
  type ModelRole,
  type Report,
} from './types.js';
import { TOOL_VERSION } from '../version.js';

/**
 * Peak memory cannot resolve changes below max(10%, the probe's resolution): identical models
 * differ by up to ~0.5 MiB between child processes (see src/workload/memory.ts).
 */
const MEMORY_TOLERANCE = 0.1;

export interface RoleMeasurements {
  path: string | null;
  analysis: ModelAnalysis | null;
  /** Per-inference latency samples (ms). */
  latencyMs: number[];
  throughputPerS: number;
  peakRssIncreaseBytes: number | null;
  gpuMemoryUsedMiB: number | null;
  energy: ModelReport['energyJ'];
  accuracy?: Record<string, number>;
}

export interface BuildInput {
  base: RoleMeasurements;
  pruned: RoleMeasurements;
  pruning: Report['pruning'] | null;
  layers: LayerChange[];
  benchmark: BenchmarkInfo;
  /** Interval of the median-latency ratio from the harness. */
  latencyRatio: { ratio: number; ci?: [number, number] } | null;
  /** Interval of the throughput ratio (per-round window throughputs). */
  throughputRatio: { ratio: number; ci?: [number, number] } | null;
  /** How peak memory was measured (shown in the report). */
  memoryMethod: string;
  /** Smallest peak-memory difference the method resolves, bytes. */
  memoryResolutionBytes: number;
  /** Interval of the energy-per-inference ratio (total and idle-corrected). */
  energyRatio: { ratio: number; ci?: [number, number] } | null;
  activeEnergyRatio: { ratio: number; ci?: [number, number] } | null;
  /** Extra delta rows computed elsewhere (accuracy). */
  extraDeltas?: Record<string, Delta>;
  intensity: CarbonIntensityInfo;
  /** CO2e grams for an energy figure in joules (PUE applied). */
  co2eG: (energyJ: number) => number;
  environment: Omit<Environment, 'carbonIntensity'>;
  lifetime?: Report['lifetime'];
  cost?: Report['cost'];
  accuracy?: Report['accuracy'];
  batchSizes?: Report['batchSizes'];
  warnings: string[];
  createdAt?: Date;
}

function modelReport(
  role: ModelRole,
  m: RoleMeasurements,
  co2eG: (energyJ: number) => number,
  memoryMethod: string,
): ModelReport {
  const perInference = co2eG(m.energy.perInference);
  const activePerInference = co2eG(m.energy.activePerInference);
  return {
    role,
    path: m.path ?? '',
    analysis: m.analysis,
    latencyMs: summarize(m.latencyMs),
    throughputPerS: m.throughputPerS,
    memory: {
      peakRssIncreaseBytes: m.peakRssIncreaseBytes,
      gpuMemoryUsedMiB: m.gpuMemoryUsedMiB,
      method: memoryMethod,
    },
    energyJ: m.energy,
    co2eG: {
      perInference,
      per1M: perInference * PER_MILLION,
      activePerInference,
      activePer1M: activePerInference * PER_MILLION,
    },
    ...(m.accuracy ? { accuracy: m.accuracy } : {}),
  };
}

export function buildReport(input: BuildInput): Report {
  const base = modelReport('base', input.base, input.co2eG, input.memoryMethod);
  const pruned = modelReport('pruned', input.pruned, input.co2eG, input.memoryMethod);
  const ba = input.base.analysis;
  const pa = input.pruned.analysis;
  const energyMethod: Method =
    base.energyJ.method === 'measured' && pruned.energyJ.method === 'measured' ? 'measured' : 'estimated';

  const deltas: Record<string, Delta> = {
    latencyP50: measuredDelta(base.latencyMs.p50, pruned.latencyMs.p50, input.latencyRatio, 'ms', 'measured'),
    throughput: measuredDelta(
      base.throughputPerS,
      pruned.throughputPerS,
      input.throughputRatio,
      'inferences/s',
      'measured',
      false,
    ),
    energyPerInference: measuredDelta(
      base.energyJ.perInference,
      pruned.energyJ.perInference,
      input.energyRatio,
      'J',
      energyMethod,
    ),
    activeEnergyPerInference: measuredDelta(
      base.energyJ.activePerInference,
      pruned.energyJ.activePerInference,
      input.activeEnergyRatio,
      'J',
      energyMethod,
    ),
    // The intensity and PUE are the same for both models, so CO2e has the energy ratio and interval.
    co2ePerInference: measuredDelta(
      base.co2eG.perInference,
      pruned.co2eG.perInference,
      input.energyRatio,
      'g',
      energyMethod,
    ),
    peakMemory: toleranceDelta(
      input.base.peakRssIncreaseBytes,
      input.pruned.peakRssIncreaseBytes,
      MEMORY_TOLERANCE,
      'bytes',
      true,
      input.memoryResolutionBytes,
    ),
    macsDense: exactDelta(ba?.macs.dense ?? null, pa?.macs.dense ?? null, 'MACs'),
    macsSparse: exactDelta(ba?.macs.sparse ?? null, pa?.macs.sparse ?? null, 'MACs'),
    flopsDense: exactDelta(ba?.flops.dense ?? null, pa?.flops.dense ?? null, 'FLOPs'),
    flopsSparse: exactDelta(ba?.flops.sparse ?? null, pa?.flops.sparse ?? null, 'FLOPs'),
    parameters: exactDelta(ba?.parameters.total ?? null, pa?.parameters.total ?? null, 'parameters'),
    nonzeroParameters: exactDelta(
      ba?.parameters.nonzero ?? null,
      pa?.parameters.nonzero ?? null,
      'parameters',
    ),
    // Size on disk includes external data files, as the table shows it.
    fileBytes: exactDelta(
      ba ? ba.model.fileBytes + ba.model.externalDataBytes : null,
      pa ? pa.model.fileBytes + pa.model.externalDataBytes : null,
      'bytes',
    ),
    ...input.extraDeltas,
  };

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'carbon-delta', version: TOOL_VERSION },
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    models: { base, pruned },
    deltas,
    pruning: input.pruning ?? { kind: 'unknown', description: 'No ONNX files to compare (command mode).' },
    layers: input.layers,
    benchmark: input.benchmark,
    ...(input.lifetime ? { lifetime: input.lifetime } : {}),
    ...(input.cost ? { cost: input.cost } : {}),
    ...(input.accuracy ? { accuracy: input.accuracy } : {}),
    ...(input.batchSizes ? { batchSizes: input.batchSizes } : {}),
    gate: { passed: true, enforced: true, checks: [] },
    environment: { ...input.environment, carbonIntensity: input.intensity },
    warnings: input.warnings,
  };
}
