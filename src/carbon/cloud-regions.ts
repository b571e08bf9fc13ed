/**
 * Cloud region → Electricity Maps zone. The region's location comes from the provider's list of
 * regions (source per provider below); the zone is the grid (balancing authority, bidding zone or
 * country) serving that location, named as in Electricity Maps. A region's own power purchase
 * agreements are not counted: these are location-based figures.
 */
import { UserError } from '../errors.js';
import { closeMatchesSentence } from './close-matches.js';
import type { CloudProvider } from './types.js';

export interface CloudRegionZone {
  zone: string;
  /** Where the region is, as its provider names it. */
  location: string;
}

/** Where each provider documents its regions' locations. */
export const CLOUD_REGION_SOURCES: Record<CloudProvider, string> = {
  aws: 'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html',
  gcp: 'https://cloud.google.com/about/locations',
  azure: 'https://learn.microsoft.com/azure/reliability/regions-list',
};

// Each row: region: [zone, location]. Source of the location: CLOUD_REGION_SOURCES[provider].
const AWS: Record<string, [string, string]> = {
  'us-east-1': ['US-MIDA-PJM', 'N. Virginia (PJM)'],
  'us-east-2': ['US-MIDA-PJM', 'Ohio (PJM)'],
  'us-west-1': ['US-CAL-CISO', 'N. California (CAISO)'],
  'us-west-2': ['US-NW-BPAT', 'Oregon (Bonneville Power Administration)'],
  'ca-central-1': ['CA-QC', 'Canada Central, Montréal'],
  'eu-west-1': ['IE', 'Ireland'],
  'eu-west-2': ['GB', 'London'],
  'eu-west-3': ['FR', 'Paris'],
  'eu-central-1': ['DE', 'Frankfurt'],
  'eu-central-2': ['CH', 'Zurich'],
  'eu-north-1': ['SE-SE3', 'Stockholm (bidding zone SE3)'],
  'eu-south-1': ['IT-NO', 'Milan (North Italy)'],
  'eu-south-2': ['ES', 'Spain (Aragón)'],
  'ap-northeast-1': ['JP-TK', 'Tokyo'],
  'ap-northeast-2': ['KR', 'Seoul'],
  'ap-northeast-3': ['JP-KN', 'Osaka (Kansai)'],
  'ap-southeast-1': ['SG', 'Singapore'],
  'ap-southeast-2': ['AU-NSW', 'Sydney (New South Wales)'],
  'ap-south-1': ['IN-WE', 'Mumbai (Western India)'],
  'ap-east-1': ['HK', 'Hong Kong'],
  'sa-east-1': ['BR-CS', 'São Paulo (Central Brazil subsystem)'],
  'me-central-1': ['AE', 'United Arab Emirates'],
  'af-south-1': ['ZA', 'Cape Town'],
};

const GCP: Record<string, [string, string]> = {
  'us-central1': ['US-MIDW-MISO', 'Council Bluffs, Iowa (MISO)'],
  'us-east1': ['US-CAR-SC', 'Moncks Corner, South Carolina (Santee Cooper)'],
  'us-east4': ['US-MIDA-PJM', 'Ashburn, Virginia (PJM)'],
  'us-west1': ['US-NW-BPAT', 'The Dalles, Oregon (Bonneville Power Administration)'],
  'us-west2': ['US-CAL-CISO', 'Los Angeles (CAISO)'],
  'us-west4': ['US-NW-NEVP', 'Las Vegas (Nevada Power)'],
  'northamerica-northeast1': ['CA-QC', 'Montréal'],
  'europe-west1': ['BE', 'St. Ghislain, Belgium'],
  'europe-west2': ['GB', 'London'],
  'europe-west3': ['DE', 'Frankfurt'],
  'europe-west4': ['NL', 'Eemshaven, Netherlands'],
  'europe-west6': ['CH', 'Zurich'],
  'europe-west9': ['FR', 'Paris'],
  'europe-north1': ['FI', 'Hamina, Finland'],
  'asia-east1': ['TW', 'Changhua County, Taiwan'],
  'asia-northeast1': ['JP-TK', 'Tokyo'],
  'asia-southeast1': ['SG', 'Jurong West, Singapore'],
  'asia-south1': ['IN-WE', 'Mumbai (Western India)'],
  'australia-southeast1': ['AU-NSW', 'Sydney (New South Wales)'],
  'southamerica-east1': ['BR-CS', 'Osasco, São Paulo (Central Brazil subsystem)'],
};

const AZURE: Record<string, [string, string]> = {
  eastus: ['US-MIDA-PJM', 'Virginia (PJM)'],
  eastus2: ['US-MIDA-PJM', 'Virginia (PJM)'],
  centralus: ['US-MIDW-MISO', 'Iowa (MISO)'],
  northcentralus: ['US-MIDA-PJM', 'Illinois (PJM, ComEd)'],
  southcentralus: ['US-TEX-ERCO', 'Texas (ERCOT)'],
  westus: ['US-CAL-CISO', 'California (CAISO)'],
  westus2: ['US-NW-GCPD', 'Quincy, Washington (Grant County PUD)'],
  westus3: ['US-SW-AZPS', 'Phoenix, Arizona (Arizona Public Service)'],
  canadacentral: ['CA-ON', 'Toronto'],
  northeurope: ['IE', 'Ireland'],
  westeurope: ['NL', 'Netherlands'],
  uksouth: ['GB', 'London'],
  francecentral: ['FR', 'Paris'],
  germanywestcentral: ['DE', 'Frankfurt'],
  swedencentral: ['SE-SE3', 'Gävle (bidding zone SE3)'],
  switzerlandnorth: ['CH', 'Zurich'],
  norwayeast: ['NO-NO1', 'Oslo (bidding zone NO1)'],
  japaneast: ['JP-TK', 'Tokyo'],
  southeastasia: ['SG', 'Singapore'],
  eastasia: ['HK', 'Hong Kong'],
  australiaeast: ['AU-NSW', 'New South Wales'],
  centralindia: ['IN-WE', 'Pune (Western India)'],
  koreacentral: ['KR', 'Seoul'],
  brazilsouth: ['BR-CS', 'São Paulo (Central Brazil subsystem)'],
};

export const CLOUD_REGIONS: Record<CloudProvider, Record<string, [string, string]>> = {
  aws: AWS,
  gcp: GCP,
  azure: AZURE,
};

/** The grid zone of a cloud region. Unknown region → `UserError` with close matches. */
export function cloudRegionZone(provider: CloudProvider, region: string): CloudRegionZone {
  const table = CLOUD_REGIONS[provider];
  const row = table[region.toLowerCase()];
  if (row === undefined) {
    throw new UserError(
      `unknown ${provider} region "${region}".${closeMatchesSentence(region, Object.keys(table))} ` +
        'Or set grid-zone (an Electricity Maps zone key) or carbon-intensity directly.',
      { input: 'cloud-region' },
    );
  }
  return { zone: row[0], location: row[1] };
}
