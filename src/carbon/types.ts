/**
 * Types of the carbon & cost domain. Units live in the names: `co2eG` grams CO2e, `co2eKg`
 * kilograms, `energyKWh` kilowatt-hours, `intensityGPerKWh` grams CO2e per kWh, money figures in
 * `currency` units.
 *
 * Glossary: a *query* is one inference (one item of a batch). *Training* CO2e of the PRUNED model is
 * the BASE training plus the pruning/fine-tuning run that produced it from BASE (see `LifetimeSummary`).
 */

export type CloudProvider = 'aws' | 'gcp' | 'azure';

/** Where the training CO2e of one model comes from. */
export type TrainingSource =
  { kind: 'value'; co2eKg: number; input: string } | { kind: 'emissions-csv'; path: string; input: string };

/** Validated carbon & cost options (from `readCarbonOptions`). */
export interface CarbonOptions {
  /** Explicit grid intensity, gCO2e/kWh. Wins over everything else. */
  intensityGPerKWh?: number;
  /** Electricity Maps API token; when set the live API is tried first (after an explicit value). */
  electricityMapsToken?: string;
  /** Base URL of the Electricity Maps API, without a trailing slash. */
  electricityMapsUrl: string;
  /** Electricity Maps zone key as given (e.g. `DE`, `US-CAL-CISO`). */
  gridZone?: string;
  /** ISO 3166 alpha-2 or alpha-3 code, upper-cased. */
  country?: string;
  cloud?: { provider: CloudProvider; region: string };
  /** Power usage effectiveness: facility energy / IT energy (1.0 = a machine under a desk). */
  pue: number;
  training: { base?: TrainingSource; pruned?: TrainingSource };
  /** Queries (inferences) over the deployment's lifetime. */
  lifetimeQueries?: number;
  /** How `lifetimeQueries` was given, for the report. */
  lifetimeQueriesFrom?: 'lifetime-queries' | 'queries-per-day × lifetime-days';
  electricityPricePerKWh?: number;
  instancePricePerHour?: number;
  /** ISO 4217 code, upper-cased. Default `USD`. */
  currency: string;
  carbonPricePerTonne?: number;
}

/** CO2e of one model, per inference and per 1M inferences, for total and idle-corrected energy. */
export interface Co2eFigures {
  /** From total energy per inference (includes the machine's idle draw), g. */
  perInference: number;
  per1M: number;
  /** From idle-corrected (active) energy per inference, g. */
  activePerInference: number;
  activePer1M: number;
}

/** When the PRUNED model's extra training CO2e is paid back by its per-query savings. */
export type BreakEven =
  /** Paid back after `queries` queries (0: from the first query). */
  | { status: 'pays-back'; queries: number; withinLifetime: boolean | null }
  /** PRUNED saves nothing (or costs more) per query while its training cost more: never. */
  | { status: 'never'; reason: string }
  /** PRUNED starts ahead (cheaper training) but costs more per query: BASE is ahead after `queries`. */
  | { status: 'overtaken'; queries: number; withinLifetime: boolean | null }
  /** Same training and same per-query CO2e. */
  | { status: 'no-difference' };

export interface ModelLifetime {
  /** Training CO2e counted for this model (PRUNED: BASE training + pruning run), kg. */
  trainingCo2eKg: number;
  /** Per-query CO2e used, g. */
  perQueryCo2eG: number;
  /** perQuery × lifetime queries, kg; null without lifetime queries. */
  inferenceCo2eKg: number | null;
  /** training + inference, kg; null without lifetime queries. */
  totalCo2eKg: number | null;
}

export interface LifetimeSummary {
  /** Which per-query energy the figures use: total (with idle draw) or idle-corrected. */
  basis: 'total' | 'active';
  lifetimeQueries: number | null;
  lifetimeQueriesFrom?: string;
  base: ModelLifetime;
  pruned: ModelLifetime;
  /** CO2e of the pruning/fine-tuning run alone (PRUNED training − BASE training), kg. */
  pruningRunCo2eKg: number;
  /** BASE − PRUNED per query, g (positive = PRUNED saves). */
  savingsPerQueryCo2eG: number;
  /** BASE total − PRUNED total over the lifetime, kg (negative = PRUNED costs more); null without queries. */
  savingsCo2eKg: number | null;
  breakEven: BreakEven;
  /** Where each training figure came from (`training-co2e-kg-base: 12.5`, `emissions.csv (3 rows)`). */
  trainingSources: { base: string; pruned: string };
}

export interface ModelCost {
  /** Electricity cost of 1M inferences (energy × PUE × price), null without a price. */
  energyCostPer1M: number | null;
  /** Instance cost of 1M inferences (price per hour × time per inference), null without a price. */
  computeCostPer1M: number | null;
  /** Over the lifetime queries; null without a price or without lifetime queries. */
  energyCostLifetime: number | null;
  computeCostLifetime: number | null;
}

export interface CostSummary {
  currency: string;
  electricityPricePerKWh: number | null;
  instancePricePerHour: number | null;
  base: ModelCost;
  pruned: ModelCost;
  /** BASE − PRUNED, per 1M and lifetime (positive = PRUNED is cheaper); null where not computable. */
  savings: {
    energyCostPer1M: number | null;
    computeCostPer1M: number | null;
    energyCostLifetime: number | null;
    computeCostLifetime: number | null;
  };
  /** Offset cost avoided through the CO2e saved, at `carbonPricePerTonne`; absent without a price. */
  offsets?: {
    carbonPricePerTonne: number;
    /** Per 1M inferences (from per-query CO2e savings). */
    avoidedPer1M: number;
    /** Over the lifetime, training included; null without lifetime figures. */
    avoidedLifetime: number | null;
  };
}

/** One row of a CodeCarbon `emissions.csv`. Energies kWh (PUE applied, as CodeCarbon does), power W, emissions kg. */
export interface EmissionsRow {
  timestamp: string;
  project_name: string;
  run_id: string;
  experiment_id: string;
  /** s */
  duration: number;
  /** kg CO2e */
  emissions: number;
  /** kg CO2e / s */
  emissions_rate: number;
  cpu_power: number;
  gpu_power: number;
  ram_power: number;
  cpu_energy: number;
  gpu_energy: number;
  ram_energy: number;
  energy_consumed: number;
  country_name: string;
  /** ISO 3166 alpha-3, as CodeCarbon writes it. */
  country_iso_code: string;
  region: string;
  cloud_provider: string;
  cloud_region: string;
  os: string;
  python_version: string;
  codecarbon_version: string;
  cpu_count: number | '';
  cpu_model: string;
  gpu_count: number | '';
  gpu_model: string;
  longitude: number | '';
  latitude: number | '';
  /** GB */
  ram_total_size: number | '';
  tracking_mode: string;
  on_cloud: 'Y' | 'N';
  pue: number;
  /** carbon-delta extension: measured | estimated | mixed. */
  energy_method: string;
}
