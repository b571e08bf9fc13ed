/** Inputs of the carbon & cost domain, and `readCarbonOptions` with its cross-field rules. */
import { defineInputs, type InputValues } from '../config/define.js';
import { UserError } from '../errors.js';
import type { CarbonOptions, CloudProvider, TrainingSource } from './types.js';

/** The real Electricity Maps API base (https://docs.electricitymaps.com, v3). */
export const ELECTRICITY_MAPS_URL = 'https://api.electricitymap.org/v3';

export const carbonInputs = defineInputs([
  {
    name: 'carbon-intensity',
    type: 'number',
    min: 0,
    description:
      'Grid carbon intensity in gCO2e/kWh. Wins over every lookup. Default: looked up from electricity-maps-token, grid-zone, country or cloud-region, else the world average.',
  },
  {
    name: 'electricity-maps-token',
    type: 'string',
    description:
      'Electricity Maps API token: fetch the live intensity of grid-zone (or the alpha-2 country / cloud region zone). Falls back to yearly data with a warning on any failure.',
  },
  {
    name: 'electricity-maps-url',
    type: 'string',
    default: ELECTRICITY_MAPS_URL,
    description: 'Base URL of the Electricity Maps API (v3).',
  },
  {
    name: 'grid-zone',
    type: 'string',
    description:
      'Electricity Maps zone key, e.g. DE, FR, US-CAL-CISO, US-MIDA-PJM. Looked up in yearly averages.',
  },
  {
    name: 'country',
    type: 'string',
    description:
      'ISO 3166 country code: alpha-2 (DE, uses Electricity Maps yearly data) or alpha-3 (DEU, uses Ember yearly data).',
  },
  {
    name: 'cloud-provider',
    type: 'enum',
    choices: ['aws', 'gcp', 'azure'],
    description: 'Cloud provider of the machine; with cloud-region, picks the grid zone.',
  },
  {
    name: 'cloud-region',
    type: 'string',
    description: 'Cloud region, e.g. us-east-1 (aws), europe-west4 (gcp), westeurope (azure).',
  },
  {
    name: 'pue',
    type: 'number',
    min: 1,
    max: 3,
    default: 1.0,
    description:
      'Power usage effectiveness (facility energy / IT energy). 1.0 for a self-hosted machine; typical: aws 1.15, gcp 1.10, azure 1.18, industry average 1.58.',
  },
  {
    name: 'training-co2e-kg-base',
    type: 'number',
    min: 0,
    description: 'CO2e of training the BASE model, kg. For the lifetime total and break-even.',
  },
  {
    name: 'training-co2e-kg-pruned',
    type: 'number',
    min: 0,
    description:
      'CO2e of the pruning/fine-tuning run that made PRUNED from BASE, kg. PRUNED training = BASE training + this.',
  },
  {
    name: 'training-emissions-csv-base',
    type: 'path',
    description: 'CodeCarbon emissions.csv of the BASE training (sum of the emissions column, kg).',
  },
  {
    name: 'training-emissions-csv-pruned',
    type: 'path',
    description: 'CodeCarbon emissions.csv of the pruning/fine-tuning run (e.g. from carbon-delta track).',
  },
  {
    name: 'lifetime-queries',
    type: 'number',
    min: 0,
    description:
      'Inferences the model will serve over its lifetime. Or give queries-per-day and lifetime-days.',
  },
  { name: 'queries-per-day', type: 'number', min: 0, description: 'Inferences served per day.' },
  { name: 'lifetime-days', type: 'number', min: 0, description: 'Days the model will be deployed.' },
  {
    name: 'electricity-price-per-kwh',
    type: 'number',
    min: 0,
    description: 'Electricity price per kWh, in currency. Gives the energy cost per 1M inferences.',
  },
  {
    name: 'instance-price-per-hour',
    type: 'number',
    min: 0,
    description: 'Machine (instance) price per hour, in currency. Gives the compute cost per 1M inferences.',
  },
  {
    name: 'currency',
    type: 'string',
    default: 'USD',
    description: 'ISO 4217 code of the prices, e.g. USD, EUR.',
  },
  {
    name: 'carbon-price-per-tonne',
    type: 'number',
    min: 0,
    description: 'Carbon (offset) price per tonne CO2e, in currency: values the CO2e saved.',
  },
]);

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Turns validated input values into `CarbonOptions`, checking the rules between inputs. Throws `UserError`. */
export function readCarbonOptions(values: InputValues): CarbonOptions {
  const options: CarbonOptions = {
    intensityGPerKWh: num(values['carbon-intensity']),
    electricityMapsToken: str(values['electricity-maps-token']),
    electricityMapsUrl: (str(values['electricity-maps-url']) ?? ELECTRICITY_MAPS_URL).replace(/\/+$/, ''),
    gridZone: str(values['grid-zone']),
    country: readCountry(values),
    cloud: readCloud(values),
    pue: num(values['pue']) ?? 1,
    training: {
      base: readTraining(values, 'base'),
      pruned: readTraining(values, 'pruned'),
    },
    ...readLifetime(values),
    electricityPricePerKWh: num(values['electricity-price-per-kwh']),
    instancePricePerHour: num(values['instance-price-per-hour']),
    currency: readCurrency(values),
    carbonPricePerTonne: num(values['carbon-price-per-tonne']),
  };
  if (!(options.pue >= 1)) {
    throw new UserError(`must be at least 1.0 (facility energy / IT energy), got "${options.pue}".`, {
      input: 'pue',
    });
  }
  const url = options.electricityMapsUrl;
  if (!/^https?:\/\/\S+$/.test(url)) {
    throw new UserError(`must be an http(s) URL, got "${url}".`, { input: 'electricity-maps-url' });
  }
  if (options.electricityMapsToken && options.intensityGPerKWh === undefined && !apiZoneCandidate(options)) {
    throw new UserError(
      'needs a location for the live API: set grid-zone (e.g. DE), an alpha-2 country, or cloud-provider and cloud-region.',
      { input: 'electricity-maps-token' },
    );
  }
  return options;
}

/** Whether some input names a zone the live API could be asked about (resolved later). */
function apiZoneCandidate(o: CarbonOptions): boolean {
  return Boolean(o.gridZone || (o.country && o.country.length === 2) || o.cloud);
}

function readCountry(values: InputValues): string | undefined {
  const country = str(values['country']);
  if (country === undefined) return undefined;
  if (!/^[A-Za-z]{2,3}$/.test(country)) {
    throw new UserError(`must be an ISO 3166 alpha-2 or alpha-3 code such as DE or DEU, got "${country}".`, {
      input: 'country',
    });
  }
  return country.toUpperCase();
}

function readCloud(values: InputValues): CarbonOptions['cloud'] {
  const provider = str(values['cloud-provider'])?.toLowerCase();
  const region = str(values['cloud-region']);
  if (!provider && !region) return undefined;
  if (!provider) {
    throw new UserError(`"${region}" needs cloud-provider (aws, gcp or azure) too.`, {
      input: 'cloud-region',
    });
  }
  if (!['aws', 'gcp', 'azure'].includes(provider)) {
    throw new UserError(`must be aws, gcp or azure, got "${provider}".`, { input: 'cloud-provider' });
  }
  if (!region) {
    throw new UserError(`"${provider}" needs cloud-region too (e.g. us-east-1, europe-west4, westeurope).`, {
      input: 'cloud-provider',
    });
  }
  return { provider: provider as CloudProvider, region: region.toLowerCase() };
}

function readTraining(values: InputValues, role: 'base' | 'pruned'): TrainingSource | undefined {
  const kgInput = `training-co2e-kg-${role}`;
  const csvInput = `training-emissions-csv-${role}`;
  const co2eKg = num(values[kgInput]);
  const path = str(values[csvInput]);
  if (co2eKg !== undefined && path !== undefined) {
    throw new UserError(`give either ${kgInput} (${co2eKg}) or ${csvInput} ("${path}"), not both.`, {
      input: kgInput,
    });
  }
  if (co2eKg !== undefined) return { kind: 'value', co2eKg, input: kgInput };
  if (path !== undefined) return { kind: 'emissions-csv', path, input: csvInput };
  return undefined;
}

function readLifetime(values: InputValues): Pick<CarbonOptions, 'lifetimeQueries' | 'lifetimeQueriesFrom'> {
  const total = num(values['lifetime-queries']);
  const perDay = num(values['queries-per-day']);
  const days = num(values['lifetime-days']);
  if (total !== undefined && (perDay !== undefined || days !== undefined)) {
    throw new UserError(
      `give either lifetime-queries (${total}) or queries-per-day and lifetime-days, not both.`,
      { input: 'lifetime-queries' },
    );
  }
  if (total !== undefined) return { lifetimeQueries: total, lifetimeQueriesFrom: 'lifetime-queries' };
  if (perDay !== undefined && days === undefined) {
    throw new UserError(`queries-per-day (${perDay}) needs lifetime-days too, e.g. lifetime-days: 365.`, {
      input: 'queries-per-day',
    });
  }
  if (days !== undefined && perDay === undefined) {
    throw new UserError(`lifetime-days (${days}) needs queries-per-day too.`, { input: 'lifetime-days' });
  }
  if (perDay !== undefined && days !== undefined) {
    return { lifetimeQueries: perDay * days, lifetimeQueriesFrom: 'queries-per-day × lifetime-days' };
  }
  return {};
}

function readCurrency(values: InputValues): string {
  const currency = str(values['currency']) ?? 'USD';
  if (!/^[A-Za-z]{3}$/.test(currency)) {
    throw new UserError(`must be a three-letter ISO 4217 code such as USD or EUR, got "${currency}".`, {
      input: 'currency',
    });
  }
  return currency.toUpperCase();
}
