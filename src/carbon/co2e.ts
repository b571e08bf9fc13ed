/** Energy → CO2e. Pure. */
import type { CarbonIntensityInfo } from '../report/types.js';
import { PER_MILLION, joulesToKWh } from '../units.js';
import type { Co2eFigures } from './types.js';

/**
 * CO2e of `energyJ` joules of IT energy, in grams: kWh × PUE × intensity (gCO2e/kWh).
 * PUE turns IT energy into facility energy and is applied here, once.
 */
export function co2eGrams(
  energyJ: number,
  intensity: Pick<CarbonIntensityInfo, 'intensityGPerKWh' | 'pue'>,
): number {
  return joulesToKWh(energyJ) * intensity.pue * intensity.intensityGPerKWh;
}

/**
 * CO2e per inference and per 1M inferences, from total energy per inference (J, idle draw
 * included) and idle-corrected energy per inference (J). Matches `ModelReport.co2eG`.
 */
export function co2eFigures(
  energy: { perInference: number; activePerInference: number },
  intensity: Pick<CarbonIntensityInfo, 'intensityGPerKWh' | 'pue'>,
): Co2eFigures {
  const perInference = co2eGrams(energy.perInference, intensity);
  const activePerInference = co2eGrams(energy.activePerInference, intensity);
  return {
    perInference,
    per1M: perInference * PER_MILLION,
    activePerInference,
    activePer1M: activePerInference * PER_MILLION,
  };
}
