/**
 * Grid intensity resolution, first match wins:
 * 1. explicit `carbon-intensity`; 2. live Electricity Maps API when a token is given (falls back
 * with a warning on any failure); 3. `grid-zone` or `country` in the yearly data of @tgwf/co2;
 * 4. `cloud-provider` + `cloud-region` → grid zone; 5. the world average, with a warning.
 */
import type { Logger } from '../log.js';
import { UserError } from '../errors.js';
import type { CarbonIntensityInfo } from '../report/types.js';
import { closeMatchesSentence } from './close-matches.js';
import { cloudRegionZone } from './cloud-regions.js';
import {
  ELECTRICITY_MAPS_LIVE_ATTRIBUTION,
  electricityMapsZoneKeys,
  emberCountryKeys,
  lookupEmberCountry,
  lookupZone,
  worldAverage,
  type GridDatum,
} from './grid-data.js';
import { fetchLiveIntensity } from './electricity-maps.js';
import { cloudPueWarning } from './pue.js';
import type { CarbonOptions } from './types.js';

export interface ResolveDeps {
  fetch?: typeof fetch;
  logger?: Logger;
  /** Time to wait for the live API, ms. Default 5000. */
  timeoutMs?: number;
}

/** Resolves the grid intensity with its provenance. Unknown zone/country/region → `UserError`. */
export async function resolveIntensity(
  options: CarbonOptions,
  deps: ResolveDeps = {},
): Promise<{ intensity: CarbonIntensityInfo; warnings: string[] }> {
  const warnings: string[] = [];
  const pueWarning = cloudPueWarning(options.pue, options.cloud?.provider);
  if (pueWarning) warnings.push(pueWarning);
  const common = { pue: options.pue, kind: 'average' as const, unit: 'gCO2e/kWh' as const };
  if (options.intensityGPerKWh !== undefined) {
    return {
      intensity: {
        ...common,
        intensityGPerKWh: options.intensityGPerKWh,
        source: 'carbon-intensity input',
        year: null,
        resolvedBy: 'explicit',
      },
      warnings,
    };
  }
  if (options.electricityMapsToken) {
    const zone = apiZone(options);
    if (zone !== undefined) {
      const live = await fetchLiveIntensity(zone, {
        token: options.electricityMapsToken,
        baseUrl: options.electricityMapsUrl,
        fetch: deps.fetch,
        timeoutMs: deps.timeoutMs,
      });
      if (live.ok) {
        const { value } = live;
        const year = value.datetime ? new Date(value.datetime).getUTCFullYear() : null;
        const factor = value.emissionFactorType ? `, ${value.emissionFactorType} emission factors` : '';
        const estimated = value.isEstimated ? ', estimated' : '';
        deps.logger?.debug(`carbon: live intensity for ${value.zone}: ${value.intensityGPerKWh} gCO2e/kWh`);
        return {
          intensity: {
            ...common,
            intensityGPerKWh: value.intensityGPerKWh,
            source: `Electricity Maps API, latest (live${factor}${estimated})`,
            year: Number.isFinite(year) ? year : null,
            zone: value.zone,
            datetime: value.datetime,
            attribution: ELECTRICITY_MAPS_LIVE_ATTRIBUTION,
            resolvedBy: 'electricity-maps-api',
          },
          warnings,
        };
      }
      warnings.push(
        `electricity-maps-token: the live Electricity Maps API gave no intensity for ${zone} (${live.reason}); using yearly data instead.`,
      );
    }
  }
  const found = lookupLocation(options);
  if (found) {
    const { datum, resolvedBy, note } = found;
    return {
      intensity: {
        ...common,
        intensityGPerKWh: datum.intensityGPerKWh,
        source: note ? `${datum.source}; ${note}` : datum.source,
        year: datum.year,
        zone: datum.key,
        zoneName: datum.name,
        attribution: datum.attribution,
        resolvedBy,
      },
      warnings,
    };
  }
  const world = worldAverage();
  warnings.push(
    `No grid location given: CO2e uses the world average (${world.intensityGPerKWh} gCO2e/kWh). ` +
      'Set grid-zone (e.g. DE, US-CAL-CISO), country (e.g. DE or DEU), cloud-provider and cloud-region, or carbon-intensity.',
  );
  return {
    intensity: {
      ...common,
      intensityGPerKWh: world.intensityGPerKWh,
      source: `world average: ${world.source}`,
      year: world.year,
      zone: world.key,
      zoneName: 'world average',
      attribution: world.attribution,
      resolvedBy: 'world-average',
    },
    warnings,
  };
}

/** The zone to ask the live API about: grid-zone, else an alpha-2 country, else the cloud region's zone. */
function apiZone(options: CarbonOptions): string | undefined {
  if (options.gridZone) return options.gridZone;
  if (options.country?.length === 2) return options.country;
  if (options.cloud) return cloudRegionZone(options.cloud.provider, options.cloud.region).zone;
  return undefined;
}

/** Steps 3 and 4: the bundled yearly data. Undefined when no location is given. */
function lookupLocation(
  options: CarbonOptions,
): { datum: GridDatum; resolvedBy: string; note?: string } | undefined {
  if (options.gridZone) {
    const datum = lookupZone(options.gridZone);
    if (!datum) {
      throw new UserError(
        `unknown Electricity Maps zone "${options.gridZone}".${closeMatchesSentence(options.gridZone, electricityMapsZoneKeys())} ` +
          'Zone keys: https://app.electricitymaps.com (e.g. DE, FR, US-CAL-CISO).',
        { input: 'grid-zone' },
      );
    }
    return { datum, resolvedBy: 'grid-zone' };
  }
  if (options.country) return { datum: lookupCountry(options.country), resolvedBy: 'country' };
  if (options.cloud) {
    const { provider, region } = options.cloud;
    const { zone, location } = cloudRegionZone(provider, region);
    const datum = lookupZone(zone);
    if (!datum) throw new Error(`cloud region table names zone ${zone}, which the bundled data lacks`);
    return {
      datum,
      resolvedBy: 'cloud-region',
      note: `${provider} ${region} is in ${location}, zone ${zone}`,
    };
  }
  return undefined;
}

function lookupCountry(country: string): GridDatum {
  if (country.length === 2) {
    const datum = lookupZone(country);
    if (datum) return datum;
    const keys = electricityMapsZoneKeys().filter((k) => k.length === 2);
    throw new UserError(
      `no Electricity Maps yearly data for "${country}".${closeMatchesSentence(country, keys)} ` +
        'Try the alpha-3 code (Ember data), a grid-zone, or carbon-intensity.',
      { input: 'country' },
    );
  }
  const datum = lookupEmberCountry(country);
  if (datum) return datum;
  throw new UserError(
    `no Ember yearly data for "${country}".${closeMatchesSentence(country, emberCountryKeys())} ` +
      'Use an ISO 3166 alpha-3 code (e.g. DEU) or alpha-2 (e.g. DE).',
    { input: 'country' },
  );
}
