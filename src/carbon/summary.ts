/**
 * One call for the pipeline: per-model CO2e, the lifetime section and the cost section from the
 * measured energy, the resolved intensity and the options. Pure.
 */
import type { CarbonIntensityInfo } from '../report/types.js';
import { co2eFigures } from './co2e.js';
import { computeCost } from './cost.js';
import { computeLifetime } from './lifetime.js';
import type { TrainingCo2e } from './training.js';
import type { CarbonOptions, Co2eFigures, CostSummary, LifetimeSummary } from './types.js';

export interface ModelEnergy {
  /** Total energy per inference (idle draw included), J. */
  perInference: number;
  /** Idle-corrected energy per inference, J. */
  activePerInference: number;
  /** Wall time per inference, s (1 / throughput). */
  secondsPerInference: number;
}

export interface CarbonSummary {
  co2eG: { base: Co2eFigures; pruned: Co2eFigures };
  /** Present when training figures or lifetime queries are given. */
  lifetime?: LifetimeSummary;
  /** Present when any price is given. */
  cost?: CostSummary;
}

/**
 * Lifetime and cost use the total energy per inference (what the machine draws while serving);
 * the idle-corrected figures are reported next to it in `co2eG`.
 */
export function summarizeCarbon(input: {
  options: CarbonOptions;
  intensity: CarbonIntensityInfo;
  energy: { base: ModelEnergy; pruned: ModelEnergy };
  training?: TrainingCo2e;
}): CarbonSummary {
  const { options, intensity, energy, training } = input;
  const co2eG = { base: co2eFigures(energy.base, intensity), pruned: co2eFigures(energy.pruned, intensity) };
  const summary: CarbonSummary = { co2eG };
  if (training || options.lifetimeQueries !== undefined) {
    summary.lifetime = computeLifetime({
      perQueryCo2eG: { base: co2eG.base.perInference, pruned: co2eG.pruned.perInference },
      basis: 'total',
      baseTrainingCo2eKg: training?.baseKg ?? 0,
      pruningRunCo2eKg: training?.pruningRunKg ?? 0,
      lifetimeQueries: options.lifetimeQueries,
      lifetimeQueriesFrom: options.lifetimeQueriesFrom,
      trainingSources: training?.sources,
    });
  }
  const priced =
    options.electricityPricePerKWh !== undefined ||
    options.instancePricePerHour !== undefined ||
    options.carbonPricePerTonne !== undefined;
  if (priced) {
    const model = (e: ModelEnergy, c: Co2eFigures) => ({
      energyPerInferenceJ: e.perInference,
      secondsPerInference: e.secondsPerInference,
      co2ePerInferenceG: c.perInference,
    });
    summary.cost = computeCost({
      base: model(energy.base, co2eG.base),
      pruned: model(energy.pruned, co2eG.pruned),
      pue: intensity.pue,
      currency: options.currency,
      electricityPricePerKWh: options.electricityPricePerKWh,
      instancePricePerHour: options.instancePricePerHour,
      carbonPricePerTonne: options.carbonPricePerTonne,
      lifetimeQueries: options.lifetimeQueries,
      lifetimeSavingsCo2eKg: summary.lifetime?.savingsCo2eKg,
    });
  }
  return summary;
}
