/** Measured windows → CodeCarbon emissions.csv rows (one per window). Pure. */
import type { CarbonIntensityInfo } from '../report/types.js';
import { G_PER_KG, joulesToKWh } from '../units.js';
import { co2eGrams } from './co2e.js';
import type { EmissionsRow } from './types.js';

/** One window: a model's block of iterations in `compare`, or the whole command in `track`. */
export interface EmissionsWindow {
  /** `base`, `pruned`, `track`, ...: written as `experiment_id` so dashboards can tell rows apart. */
  role: string;
  durationS: number;
  /** IT energy per power domain (`gpu:0`, `cpu:package-0`, `dram:0`, `system`), J. */
  energyJByDomain: Record<string, number>;
  /** Start of the window. */
  timestamp: Date;
  runId: string;
  /** How the window's energy was obtained (see `energyMethodOf`). */
  energyMethod?: EnergyMethodLabel;
}

export type EnergyMethodLabel = 'measured' | 'estimated' | 'mixed';

/** `measured` / `estimated` when every reading agrees, else `mixed`. */
export function energyMethodOf(readings: readonly { method: 'measured' | 'estimated' }[]): EnergyMethodLabel {
  const methods = new Set(readings.map((r) => r.method));
  return methods.size === 1 ? [...methods][0] : methods.size === 0 ? 'estimated' : 'mixed';
}

export interface EmissionsRowContext {
  intensity: CarbonIntensityInfo;
  /** Default `carbon-delta`. */
  projectName?: string;
  location?: {
    countryName?: string;
    countryIsoCode?: string;
    region?: string;
    cloudProvider?: string;
    cloudRegion?: string;
  };
  machine?: {
    os?: string;
    cpuCount?: number;
    cpuModel?: string;
    gpuCount?: number;
    gpuModel?: string;
    ramTotalSizeGB?: number;
  };
}

/** CodeCarbon's timestamp format, `%Y-%m-%dT%H:%M:%S` (we write UTC). */
export function codecarbonTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** Sums a window's energy into CodeCarbon's cpu / gpu / ram buckets, J. A `system` domain is the whole machine. */
export function energyBuckets(energyJByDomain: Record<string, number>): {
  cpu: number;
  gpu: number;
  ram: number;
  totalJ: number;
} {
  let cpu = 0,
    gpu = 0,
    ram = 0,
    other = 0,
    system: number | undefined;
  for (const [domain, joules] of Object.entries(energyJByDomain)) {
    const kind = domain.split(':')[0].toLowerCase();
    if (kind === 'gpu') gpu += joules;
    else if (kind === 'cpu' || kind === 'package' || kind === 'core') cpu += joules;
    else if (kind === 'dram' || kind === 'ram' || kind === 'memory') ram += joules;
    else if (kind === 'system') system = (system ?? 0) + joules;
    else other += joules;
  }
  return { cpu, gpu, ram, totalJ: system ?? cpu + gpu + ram + other };
}

/**
 * One row per window. As CodeCarbon does, energies are facility energy (IT energy × PUE) in kWh,
 * `emissions` = energy_consumed × intensity in kg, power columns are the mean IT power in W.
 */
export function emissionsRowsFromWindows(
  windows: EmissionsWindow[],
  context: EmissionsRowContext,
): EmissionsRow[] {
  const { intensity } = context;
  const zone = intensity.zone ?? '';
  const location = {
    countryName: intensity.resolvedBy === 'world-average' ? '' : (intensity.zoneName ?? ''),
    countryIsoCode: /^[A-Z]{3}$/.test(zone) && zone !== 'WORLD' ? zone : '',
    region: zone === 'WORLD' ? '' : zone,
    cloudProvider: '',
    cloudRegion: '',
    ...context.location,
  };
  const machine = context.machine ?? {};
  return windows.map((w) => {
    const b = energyBuckets(w.energyJByDomain);
    const kWh = (j: number) => joulesToKWh(j) * intensity.pue;
    const watts = (j: number) => (w.durationS > 0 ? j / w.durationS : 0);
    const emissionsKg = co2eGrams(b.totalJ, intensity) / G_PER_KG;
    return {
      timestamp: codecarbonTimestamp(w.timestamp),
      project_name: context.projectName ?? 'carbon-delta',
      run_id: w.runId,
      experiment_id: w.role,
      duration: w.durationS,
      emissions: emissionsKg,
      emissions_rate: w.durationS > 0 ? emissionsKg / w.durationS : 0,
      cpu_power: watts(b.cpu),
      gpu_power: watts(b.gpu),
      ram_power: watts(b.ram),
      cpu_energy: kWh(b.cpu),
      gpu_energy: kWh(b.gpu),
      ram_energy: kWh(b.ram),
      energy_consumed: kWh(b.totalJ),
      country_name: location.countryName,
      country_iso_code: location.countryIsoCode,
      region: location.region,
      cloud_provider: location.cloudProvider,
      cloud_region: location.cloudRegion,
      os: machine.os ?? '',
      python_version: '',
      codecarbon_version: '',
      cpu_count: machine.cpuCount ?? '',
      cpu_model: machine.cpuModel ?? '',
      gpu_count: machine.gpuCount ?? '',
      gpu_model: machine.gpuModel ?? '',
      longitude: '',
      latitude: '',
      ram_total_size: machine.ramTotalSizeGB ?? '',
      tracking_mode: 'machine',
      on_cloud: location.cloudProvider ? 'Y' : 'N',
      pue: intensity.pue,
      energy_method: w.energyMethod ?? '',
    };
  });
}

/** What `compare` knows about one model's measured windows, summed. */
export interface ModelWindowsTotal {
  /** Σ window durations, s. */
  durationS: number;
  /** Σ inferences in the windows. */
  inferences: number;
  /** Energy per inference by domain, J (as in `ModelReport.energyJ.byDomain`). */
  byDomainJPerInference: Record<string, number>;
}

/**
 * The two rows of `compare`'s emissions.csv: one per model (`experiment_id` base / pruned), with
 * the energy the report counts (per-inference energy by domain × inferences), so the CSV and the
 * report agree.
 */
export function comparisonEmissionsRows(
  input: { runId: string; timestamp: Date; base: ModelWindowsTotal; pruned: ModelWindowsTotal },
  context: EmissionsRowContext,
): EmissionsRow[] {
  const window = (role: 'base' | 'pruned', m: ModelWindowsTotal): EmissionsWindow => ({
    role,
    durationS: m.durationS,
    energyJByDomain: Object.fromEntries(
      Object.entries(m.byDomainJPerInference).map(([domain, j]) => [domain, j * m.inferences]),
    ),
    timestamp: input.timestamp,
    runId: input.runId,
  });
  return emissionsRowsFromWindows([window('base', input.base), window('pruned', input.pruned)], context);
}

/** The location columns from the carbon options (cloud provider/region, alpha-3 country). */
export function emissionsLocation(options: {
  country?: string;
  cloud?: { provider: string; region: string };
}): NonNullable<EmissionsRowContext['location']> {
  return {
    ...(options.country?.length === 3 ? { countryIsoCode: options.country } : {}),
    ...(options.cloud ? { cloudProvider: options.cloud.provider, cloudRegion: options.cloud.region } : {}),
  };
}
