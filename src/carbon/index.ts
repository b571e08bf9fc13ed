/** The carbon & cost domain: intensity with provenance, CO2e, lifetime, break-even, money, emissions.csv. */
export { carbonInputs, readCarbonOptions, ELECTRICITY_MAPS_URL } from './inputs.js';
export { resolveIntensity, type ResolveDeps } from './intensity.js';
export { co2eGrams, co2eFigures } from './co2e.js';
export { computeLifetime, breakEven, type LifetimeInput } from './lifetime.js';
export { computeCost, type CostInput, type CostModelInput } from './cost.js';
export { summarizeCarbon, type CarbonSummary, type ModelEnergy } from './summary.js';
export { loadTrainingCo2e, type TrainingCo2e } from './training.js';
export {
  parseEmissionsCsv,
  toEmissionsCsv,
  EMISSIONS_COLUMNS,
  type ParsedEmissions,
} from './emissions-csv.js';
export {
  emissionsRowsFromWindows,
  comparisonEmissionsRows,
  emissionsLocation,
  type ModelWindowsTotal,
  type EmissionsWindow,
  type EmissionsRowContext,
} from './emissions-rows.js';
export { appendEmissionsCsv } from './emissions-file.js';
export { runTrack, mergeReadings, type TrackOptions } from './track.js';
export { CLOUD_REGIONS, cloudRegionZone } from './cloud-regions.js';
export type * from './types.js';
export { TYPICAL_PUE, cloudPueWarning, type TypicalPue } from './pue.js';
