/**
 * Lifetime CO2e: total = training + per-query × lifetime queries, for BASE and PRUNED, and the
 * break-even query count after which PRUNED's extra training is paid back. Pure.
 */
import { G_PER_KG } from '../units.js';
import type { BreakEven, LifetimeSummary } from './types.js';

export interface LifetimeInput {
  /** CO2e per query (one inference), g. */
  perQueryCo2eG: { base: number; pruned: number };
  /** Which energy the per-query figures come from. */
  basis: 'total' | 'active';
  /** BASE training, kg (0 when unknown). */
  baseTrainingCo2eKg: number;
  /** The pruning/fine-tuning run that made PRUNED from BASE, kg (0 when unknown). */
  pruningRunCo2eKg: number;
  lifetimeQueries?: number;
  lifetimeQueriesFrom?: string;
  trainingSources?: { base: string; pruned: string };
}

/** Totals for both models, savings and break-even. */
export function computeLifetime(input: LifetimeInput): LifetimeSummary {
  const queries = input.lifetimeQueries ?? null;
  const baseTraining = input.baseTrainingCo2eKg;
  const prunedTraining = input.baseTrainingCo2eKg + input.pruningRunCo2eKg;
  const model = (trainingCo2eKg: number, perQueryCo2eG: number) => {
    const inferenceCo2eKg = queries === null ? null : (perQueryCo2eG * queries) / G_PER_KG;
    return {
      trainingCo2eKg,
      perQueryCo2eG,
      inferenceCo2eKg,
      totalCo2eKg: inferenceCo2eKg === null ? null : trainingCo2eKg + inferenceCo2eKg,
    };
  };
  const base = model(baseTraining, input.perQueryCo2eG.base);
  const pruned = model(prunedTraining, input.perQueryCo2eG.pruned);
  const savingsPerQueryCo2eG = input.perQueryCo2eG.base - input.perQueryCo2eG.pruned;
  return {
    basis: input.basis,
    lifetimeQueries: queries,
    lifetimeQueriesFrom: input.lifetimeQueriesFrom,
    base,
    pruned,
    pruningRunCo2eKg: input.pruningRunCo2eKg,
    savingsPerQueryCo2eG,
    savingsCo2eKg:
      base.totalCo2eKg === null || pruned.totalCo2eKg === null ? null : base.totalCo2eKg - pruned.totalCo2eKg,
    breakEven: breakEven(input.pruningRunCo2eKg * G_PER_KG, savingsPerQueryCo2eG, queries),
    trainingSources: input.trainingSources ?? { base: 'not given (0)', pruned: 'not given (0)' },
  };
}

/**
 * Where PRUNED's cumulative CO2e (extra training + per-query) crosses BASE's.
 * `extraTrainingG` = PRUNED training − BASE training, g; `savingsPerQueryG` = BASE − PRUNED per query, g.
 */
export function breakEven(
  extraTrainingG: number,
  savingsPerQueryG: number,
  lifetimeQueries: number | null,
): BreakEven {
  const within = (q: number) => (lifetimeQueries === null ? null : q <= lifetimeQueries);
  if (extraTrainingG <= 0 && savingsPerQueryG >= 0) {
    if (extraTrainingG === 0 && savingsPerQueryG === 0) return { status: 'no-difference' };
    return { status: 'pays-back', queries: 0, withinLifetime: within(0) };
  }
  if (extraTrainingG > 0 && savingsPerQueryG > 0) {
    const queries = Math.ceil(extraTrainingG / savingsPerQueryG);
    return { status: 'pays-back', queries, withinLifetime: within(queries) };
  }
  if (extraTrainingG > 0) {
    const reason =
      savingsPerQueryG === 0
        ? 'PRUNED saves no CO2e per query, so its extra training is never paid back'
        : 'PRUNED emits more CO2e per query than BASE, so its extra training is never paid back';
    return { status: 'never', reason };
  }
  // Cheaper training but more CO2e per query: PRUNED is ahead until BASE catches up.
  const queries = Math.floor(-extraTrainingG / -savingsPerQueryG);
  return { status: 'overtaken', queries, withinLifetime: within(queries) };
}
