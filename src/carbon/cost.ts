/** Money: energy cost, compute cost and carbon offsets per 1M inferences and over the lifetime. Pure. */
import { G_PER_KG, G_PER_TONNE, PER_MILLION, joulesToKWh } from '../units.js';
import type { CostSummary, ModelCost } from './types.js';

export interface CostModelInput {
  /** IT energy per inference, J (PUE is applied here). */
  energyPerInferenceJ: number;
  /** Wall time the machine is busy per inference, s (e.g. 1 / throughput). */
  secondsPerInference: number;
  /** CO2e per inference, g (for offsets). */
  co2ePerInferenceG: number;
}

export interface CostInput {
  base: CostModelInput;
  pruned: CostModelInput;
  pue: number;
  currency: string;
  electricityPricePerKWh?: number;
  instancePricePerHour?: number;
  carbonPricePerTonne?: number;
  lifetimeQueries?: number;
  /** Lifetime CO2e saved (BASE − PRUNED), training included, kg; for lifetime offsets. */
  lifetimeSavingsCo2eKg?: number | null;
}

const SECONDS_PER_HOUR = 3_600;

/** Energy and compute cost for both models, their savings, and offsets. */
export function computeCost(input: CostInput): CostSummary {
  const base = modelCost(input.base, input);
  const pruned = modelCost(input.pruned, input);
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  const summary: CostSummary = {
    currency: input.currency,
    electricityPricePerKWh: input.electricityPricePerKWh ?? null,
    instancePricePerHour: input.instancePricePerHour ?? null,
    base,
    pruned,
    savings: {
      energyCostPer1M: diff(base.energyCostPer1M, pruned.energyCostPer1M),
      computeCostPer1M: diff(base.computeCostPer1M, pruned.computeCostPer1M),
      energyCostLifetime: diff(base.energyCostLifetime, pruned.energyCostLifetime),
      computeCostLifetime: diff(base.computeCostLifetime, pruned.computeCostLifetime),
    },
  };
  if (input.carbonPricePerTonne !== undefined) {
    const pricePerG = input.carbonPricePerTonne / G_PER_TONNE;
    const savedPer1MG = (input.base.co2ePerInferenceG - input.pruned.co2ePerInferenceG) * PER_MILLION;
    const lifetimeKg = input.lifetimeSavingsCo2eKg;
    summary.offsets = {
      carbonPricePerTonne: input.carbonPricePerTonne,
      avoidedPer1M: savedPer1MG * pricePerG,
      avoidedLifetime:
        lifetimeKg === undefined || lifetimeKg === null ? null : lifetimeKg * G_PER_KG * pricePerG,
    };
  }
  return summary;
}

function modelCost(model: CostModelInput, input: CostInput): ModelCost {
  const energyCostPer1M =
    input.electricityPricePerKWh === undefined
      ? null
      : joulesToKWh(model.energyPerInferenceJ) * input.pue * input.electricityPricePerKWh * PER_MILLION;
  const computeCostPer1M =
    input.instancePricePerHour === undefined
      ? null
      : (model.secondsPerInference / SECONDS_PER_HOUR) * input.instancePricePerHour * PER_MILLION;
  const lifetime = (per1M: number | null) =>
    per1M === null || input.lifetimeQueries === undefined
      ? null
      : (per1M * input.lifetimeQueries) / PER_MILLION;
  return {
    energyCostPer1M,
    computeCostPer1M,
    energyCostLifetime: lifetime(energyCostPer1M),
    computeCostLifetime: lifetime(computeCostPer1M),
  };
}
