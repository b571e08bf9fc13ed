/**
 * From everything measured to the `Report`: per-batch energy summaries, the main comparison's
 * per-model figures and ratio intervals, carbon, lifetime and cost, accuracy rows and the
 * trade-off. Pure (the gate runs after it).
 */
import { relative } from 'node:path';
import { co2eGrams } from '../carbon/co2e.js';
import { summarizeCarbon } from '../carbon/summary.js';
import type { TrainingCo2e } from '../carbon/training.js';
import type { CarbonOptions } from '../carbon/types.js';
import type { CoreOptions } from '../config/core-options.js';
import type { AccuracyResult } from '../eval/types.js';
import type { compareModels } from '../model/compare.js';
import type { ModelAnalysis } from '../model/types.js';
import type { HardwareSummary } from '../power/hardware.js';
import { summarizeEnergy, type EnergySummary } from '../power/summary.js';
import type { MeasuredWindow, MeterSelection } from '../power/types.js';
import { buildReport } from '../report/build.js';
import type { CarbonIntensityInfo, Report } from '../report/types.js';
import { median } from '../stats/summary.js';
import type { WorkloadOptions } from '../workload/inputs.js';
import { MEMORY_METHOD, MEMORY_RESOLUTION_BYTES } from '../workload/memory.js';
import { benchmarkInfo } from '../workload/report-rows.js';
import type { BenchmarkResult } from '../workload/types.js';
import { accuracyDeltas, accuracyTradeOff } from './accuracy.js';
import { pairedRatio, roleMeasurements, type BatchComparison } from './measurements.js';

export interface Measured {
  cwd: string;
  core: CoreOptions;
  workload: WorkloadOptions;
  carbon: CarbonOptions;
  training: TrainingCo2e | undefined;
  baseAnalysis: ModelAnalysis | null;
  prunedAnalysis: ModelAnalysis | null;
  comparison: ReturnType<typeof compareModels> | null;
  /** One per batch size; the first is the main comparison. */
  benchmarks: BenchmarkResult[];
  accuracy: AccuracyResult | null;
  selection: MeterSelection;
  intensity: CarbonIntensityInfo;
  hardware: HardwareSummary;
  ortVersion: string | null;
  warnings: string[];
}

type RoleEnergy = { base: EnergySummary; pruned: EnergySummary };

/** Inferences per second of each window, in round order. */
const windowThroughput = (windows: readonly MeasuredWindow[]) =>
  windows.map((w) => w.inferences / w.durationS);

function energyOf(b: BenchmarkResult): RoleEnergy {
  return {
    base: summarizeEnergy(b.base.windows, b.idle, 'base'),
    pruned: summarizeEnergy(b.pruned.windows, b.idle, 'pruned'),
  };
}

function batchRow(b: BenchmarkResult, e: RoleEnergy): BatchComparison {
  return {
    batchSize: b.batchSize,
    latencyP50Ms: { base: median(b.base.latencyMs), pruned: median(b.pruned.latencyMs) },
    throughputPerS: { base: b.base.throughputPerS, pruned: b.pruned.throughputPerS },
    energyJPerInference: { base: e.base.perInference, pruned: e.pruned.perInference },
    latencyRatio: { ratio: b.delta.ratio, ci: b.delta.ci },
    energyRatio: pairedRatio(e.base.perWindowJPerInference, e.pruned.perWindowJPerInference, b.confidence),
    stopReason: b.stopReason,
  };
}

export function assembleReport(m: Measured): Report {
  const energies = m.benchmarks.map(energyOf);
  const [main] = m.benchmarks;
  const [energy] = energies;
  const carbonSummary = summarizeCarbon({
    options: m.carbon,
    intensity: m.intensity,
    training: m.training,
    energy: {
      base: { ...energy.base, secondsPerInference: 1 / main.base.throughputPerS },
      pruned: { ...energy.pruned, secondsPerInference: 1 / main.pruned.throughputPerS },
    },
  });

  // Paths in the report are relative to the working directory: no runner paths in comments.
  const shown = (path: string | null) => (path ? relative(m.cwd, path) || path : null);
  for (const a of [m.baseAnalysis, m.prunedAnalysis]) if (a) a.model.path = shown(a.model.path)!;
  // In command mode the "path" a reader needs is the command that ran.
  const label = (path: string | null, command: string[] | null) =>
    command ? command.join(' ') : shown(path);
  const base = roleMeasurements(
    main,
    'base',
    energy.base,
    m.baseAnalysis,
    label(m.core.basePath, m.workload.baseCommand),
  );
  const pruned = roleMeasurements(
    main,
    'pruned',
    energy.pruned,
    m.prunedAnalysis,
    label(m.core.prunedPath, m.workload.prunedCommand),
  );
  if (m.accuracy?.labelled) {
    base.accuracy = m.accuracy.base;
    pruned.accuracy = m.accuracy.pruned;
  }

  const report = buildReport({
    base,
    pruned,
    pruning: m.comparison ? { kind: m.comparison.kind, description: m.comparison.description } : null,
    layers: m.comparison?.layers ?? [],
    benchmark: benchmarkInfo(main),
    latencyRatio: { ratio: main.delta.ratio, ci: main.delta.ci },
    throughputRatio: pairedRatio(
      windowThroughput(main.base.windows),
      windowThroughput(main.pruned.windows),
      main.confidence,
    ),
    memoryMethod: MEMORY_METHOD,
    memoryResolutionBytes: MEMORY_RESOLUTION_BYTES,
    energyRatio: pairedRatio(
      energy.base.perWindowJPerInference,
      energy.pruned.perWindowJPerInference,
      main.confidence,
    ),
    activeEnergyRatio: pairedRatio(
      energy.base.perWindowActiveJPerInference,
      energy.pruned.perWindowActiveJPerInference,
      main.confidence,
    ),
    extraDeltas: m.accuracy ? accuracyDeltas(m.accuracy) : {},
    intensity: m.intensity,
    co2eG: (energyJ) => co2eGrams(energyJ, m.intensity),
    environment: {
      executionProvider: main.executionProvider,
      hardware: m.hardware,
      meters: {
        used: m.selection.active.map((meter) => meter.id),
        skipped: m.selection.skipped,
        idlePowerW: energy.base.idlePowerW,
      },
      runtime: { node: process.version, onnxruntime: m.ortVersion },
    },
    lifetime: carbonSummary.lifetime,
    cost: carbonSummary.cost,
    accuracy: m.accuracy ?? undefined,
    batchSizes: m.benchmarks.map((b, i) => batchRow(b, energies[i])),
    warnings: m.warnings,
  });
  if (m.accuracy?.drop) report.tradeOff = accuracyTradeOff(report, m.accuracy.drop);
  return report;
}
