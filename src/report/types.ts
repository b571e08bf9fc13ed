/**
 * The `Report`: one object per comparison, serialised as `report.json` (see schema/report.schema.json)
 * and rendered to Markdown and CSV. Field names are public contract (DESIGN.md): add freely, rename
 * only with a schema-version bump.
 */
import type { CostSummary, LifetimeSummary } from '../carbon/types.js';
import type { AccuracyResult } from '../eval/types.js';
import type { ModelAnalysis } from '../model/types.js';
import type { HardwareSummary } from '../power/hardware.js';
import type { BatchComparison } from '../pipeline/measurements.js';

export const SCHEMA_VERSION = '1.0.0';

export type Verdict = 'improved' | 'regressed' | 'no-significant-change' | 'not-measured';
export type Method = 'measured' | 'estimated';
export type ModelRole = 'base' | 'pruned';

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  stddev: number;
  /** Coefficient of variation (stddev / mean). */
  cv: number;
  min: number;
  max: number;
  /** Iterations measured. */
  n: number;
  /** Iterations flagged as outliers (kept in the statistics, reported here). */
  outliers: number;
}

export interface ModelReport {
  role: ModelRole;
  path: string;
  /** Static analysis; null in command mode without ONNX files. */
  analysis: ModelAnalysis | null;
  /** Per-inference latency (one batch = `batchSize` inferences... see benchmark.batchSize). */
  latencyMs: LatencySummary;
  throughputPerS: number;
  memory: { peakRssIncreaseBytes: number | null; gpuMemoryUsedMiB: number | null; method: string };
  energyJ: {
    /** Total energy per inference (includes idle draw). */
    perInference: number;
    /** Idle-corrected energy per inference. */
    activePerInference: number;
    method: Method;
    /** Which domains were measured and which estimated. */
    methodByDomain: Record<string, Method>;
    /** Joules per inference per domain (`gpu:0`, `cpu:package-0`, ...). */
    byDomain: Record<string, number>;
    /** The meter behind each domain. */
    meterByDomain: Record<string, string>;
    /** Average power during the model's windows. */
    meanPowerW: number;
    /** Idle power per domain, from the idle window. */
    idlePowerW: Record<string, number>;
    /** Caveats (cross-checks between meters, clamping, missing idle window). */
    notes: string[];
  };
  co2eG: { perInference: number; per1M: number; activePerInference: number; activePer1M: number };
  accuracy?: Record<string, number>;
}

export interface Delta {
  /** PRUNED / BASE. */
  ratio: number | null;
  /** ratio − 1 (negative = reduction). */
  change: number | null;
  /** Confidence interval of the ratio, for repeatedly measured metrics. */
  ci?: [number, number];
  verdict: Verdict;
  base: number | null;
  pruned: number | null;
  unit: string;
  /** True when a smaller value is an improvement. */
  lowerIsBetter: boolean;
  method?: Method | 'exact';
}

export interface GateCheck {
  name: string;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  message: string;
  /** The measured value the check looked at, its interval, and the thresholds. */
  value?: number | null;
  ci?: [number, number];
  warnAt?: number;
  failAt?: number;
  /** `min`: the value must stay at or above the thresholds; `max`: at or below. */
  direction?: 'min' | 'max';
  /** Unit of value, interval and thresholds: `%` (percent or percentage points), `g`, ... */
  unit?: string;
}

export interface GateResult {
  passed: boolean;
  /** When false, failures are reported but the exit code stays 0. */
  enforced: boolean;
  checks: GateCheck[];
}

export interface CarbonIntensityInfo {
  intensityGPerKWh: number;
  source: string;
  year: number | null;
  kind: 'average' | 'marginal';
  pue: number;
  zone?: string;
  attribution?: string;
  /** Always `gCO2e/kWh` when set (carbon issue). */
  unit?: 'gCO2e/kWh';
  /** Human name of the zone or country (`Germany`, `PJM Interconnection`, `world average`). */
  zoneName?: string;
  /** Which resolution step gave the value: explicit, electricity-maps-api, grid-zone, country, cloud-region, world-average. */
  resolvedBy?: string;
  /** For live values: the time the API's figure is for (ISO 8601). */
  datetime?: string;
}

export interface Environment {
  executionProvider: string;
  hardware: HardwareSummary;
  meters: { used: string[]; skipped: { id: string; reason: string }[]; idlePowerW: Record<string, number> };
  carbonIntensity: CarbonIntensityInfo;
  runtime: { node: string; onnxruntime: string | null };
}

export interface BenchmarkInfo {
  mode: 'onnx' | 'command';
  batchSize: number;
  warmupIterations: number;
  rounds: number;
  iterationsPerModel: { base: number; pruned: number };
  durationS: number;
  stopReason: string;
  confidence: number;
}

export interface Report {
  schemaVersion: string;
  tool: { name: 'carbon-delta'; version: string };
  createdAt: string;
  models: { base: ModelReport; pruned: ModelReport };
  deltas: Record<string, Delta>;
  pruning: { kind: 'structured' | 'unstructured' | 'mixed' | 'none' | 'unknown'; description: string };
  layers: LayerChange[];
  benchmark: BenchmarkInfo;
  /** Lifetime totals and break-even, when training or lifetime inputs are given. */
  lifetime?: LifetimeSummary;
  /** Energy and compute cost, offsets, when prices are given. */
  cost?: CostSummary;
  accuracy?: AccuracyResult;
  /** CO2e saved per accuracy point lost, when accuracy was evaluated. */
  tradeOff?: AccuracyTradeOff;
  /** Every batch size run; the first is the main comparison above. */
  batchSizes?: BatchComparison[];
  gate: GateResult;
  environment: Environment;
  warnings: string[];
}

export interface AccuracyTradeOff {
  metric: string;
  /** Accuracy lost by PRUNED, points (positive = worse), with its interval. */
  dropPoints: number;
  dropCi: [number, number];
  /** Whether the interval excludes 0 on the worse side. */
  significant: boolean;
  /** CO2e saved by PRUNED per 1M inferences, g. */
  co2eSavedGPer1M: number;
  /** g CO2e saved per 1M inferences per point lost; null when nothing was lost. */
  gPer1MPerPoint: number | null;
  text: string;
}

export interface LayerChange {
  name: string;
  opType: string;
  base: { params: number; nonzero: number; macsDense: number; macsSparse: number } | null;
  pruned: { params: number; nonzero: number; macsDense: number; macsSparse: number } | null;
}
