/**
 * Typical power usage effectiveness (facility energy / IT energy) by where the machine runs.
 * Shown in the `pue` input's description and in the warning when a cloud run keeps PUE 1.0.
 */
import type { CloudProvider } from './types.js';

export interface TypicalPue {
  pue: number;
  /** What the figure is and where it was published. */
  source: string;
}

export const TYPICAL_PUE: Record<CloudProvider | 'industry-average', TypicalPue> = {
  // AWS global PUE for 2023, first published at re:Invent 2024 (DatacenterDynamics, Dec 2024).
  aws: { pue: 1.15, source: 'AWS global data-centre PUE 2023 (re:Invent 2024)' },
  // Google fleet-wide trailing-twelve-month PUE, about 1.10 (google.com/about/datacenters/efficiency).
  gcp: { pue: 1.1, source: 'Google fleet-wide trailing-twelve-month PUE' },
  // Microsoft global facility average across its portfolio (DatacenterDynamics, Dec 2024).
  azure: { pue: 1.18, source: 'Microsoft global data-centre average PUE' },
  // Uptime Institute Global Data Center Survey 2023: average annual PUE 1.58.
  'industry-average': { pue: 1.58, source: 'Uptime Institute Global Data Center Survey 2023' },
};

/** A warning when a cloud machine is counted with PUE 1.0 (no data-centre overhead), else undefined. */
export function cloudPueWarning(pue: number, provider: CloudProvider | undefined): string | undefined {
  if (!provider || pue !== 1) return undefined;
  const typical = TYPICAL_PUE[provider];
  return (
    `pue is 1.0 while cloud-provider is ${provider}: CO2e leaves out the data centre's overhead ` +
    `(${typical.source}: ${typical.pue}). Set pue: ${typical.pue} to count it.`
  );
}
