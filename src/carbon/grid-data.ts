/**
 * Yearly grid intensities shipped by @tgwf/co2 (CO2.js): Electricity Maps yearly zone averages
 * (ODbL) and Ember yearly country averages (CC BY-SA 4.0). Read from the package, never copied.
 */
import { averageIntensity, electricityMaps, type ElectricityMapsZoneYear } from '@tgwf/co2/data';

/** Version of @tgwf/co2 the data comes from (a test checks it against node_modules). */
export const TGWF_CO2_VERSION = '0.19.0';

export const ELECTRICITY_MAPS_ATTRIBUTION =
  'Grid intensity: Electricity Maps (https://www.electricitymaps.com), yearly averages, ODbL (https://opendatacommons.org/licenses/odbl/summary/), via CO2.js by The Green Web Foundation.';
export const EMBER_ATTRIBUTION =
  'Grid intensity: Ember (https://ember-energy.org), yearly averages, CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), via CO2.js by The Green Web Foundation.';
export const ELECTRICITY_MAPS_LIVE_ATTRIBUTION =
  'Grid intensity: Electricity Maps API (https://www.electricitymaps.com), live data under your API plan.';

/** A yearly average found in the bundled data. */
export interface GridDatum {
  intensityGPerKWh: number;
  /** Data year; null where the data does not say (Ember: latest year per country). */
  year: number | null;
  /** Key looked up, in the data's own spelling (`DE`, `US-CAL-CISO`, `DEU`). */
  key: string;
  name?: string;
  source: string;
  attribution: string;
}

/** The newest Electricity Maps year in the package, e.g. 2025. */
export function latestElectricityMapsYear(): number {
  const years = Object.keys(electricityMaps)
    .map((k) => Number(/^yearly(\d{4})$/.exec(k)?.[1]))
    .filter((y) => Number.isInteger(y));
  return Math.max(...years);
}

function yearlyZones(): Record<string, ElectricityMapsZoneYear> {
  return electricityMaps[`yearly${latestElectricityMapsYear()}`].data;
}

/** Zone keys of the newest Electricity Maps year. */
export function electricityMapsZoneKeys(): string[] {
  return Object.keys(yearlyZones());
}

/** Electricity Maps yearly average of a zone key (case-insensitive), or undefined. */
export function lookupZone(zone: string): GridDatum | undefined {
  const zones = yearlyZones();
  const key = Object.keys(zones).find((k) => k.toUpperCase() === zone.toUpperCase());
  if (key === undefined) return undefined;
  const entry = zones[key];
  const year = latestElectricityMapsYear();
  return {
    intensityGPerKWh: entry.carbonIntensity.value,
    year,
    key,
    name: entry.zone.zoneName,
    source: `Electricity Maps yearly average ${year} (@tgwf/co2 ${TGWF_CO2_VERSION})`,
    attribution: ELECTRICITY_MAPS_ATTRIBUTION,
  };
}

/** Ember alpha-3 keys (countries only: the aggregates such as WORLD or EU are left out). */
export function emberCountryKeys(): string[] {
  return Object.keys(averageIntensity.data).filter((k) => /^[A-Z]{3}$/.test(k));
}

/** Ember yearly average of an ISO alpha-3 country code, or undefined. */
export function lookupEmberCountry(alpha3: string): GridDatum | undefined {
  const key = alpha3.toUpperCase();
  if (!emberCountryKeys().includes(key)) return undefined;
  return emberDatum(key);
}

/** The world average (Ember `WORLD`). */
export function worldAverage(): GridDatum {
  return { ...emberDatum('WORLD'), name: 'world average' };
}

function emberDatum(key: string): GridDatum {
  return {
    intensityGPerKWh: averageIntensity.data[key],
    year: null,
    key,
    source: `Ember yearly average, latest year available (@tgwf/co2 ${TGWF_CO2_VERSION})`,
    attribution: EMBER_ATTRIBUTION,
  };
}
