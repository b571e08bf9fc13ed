/** The energy meters' inputs, declared once, and the pure reader that validates them. */
import { defineInputs, type InputValues } from '../config/define.js';
import { UserError } from '../errors.js';
import { DEFAULT_RAM_W_PER_GB } from './estimate.js';

/** Meter ids, in order of preference for a domain several meters measure. */
export const METER_IDS = ['nvml', 'nvidia-smi', 'rapl', 'external', 'estimate'] as const;
export type MeterId = (typeof METER_IDS)[number];

export const powerInputs = defineInputs([
  {
    name: 'meters',
    type: 'list',
    default: ['auto'],
    description: `Energy meters to try: auto (all), or any of ${METER_IDS.join(', ')}. Each is probed; the report lists the skipped ones with their reasons.`,
  },
  {
    name: 'gpus',
    type: 'list',
    description:
      'GPUs to meter, as nvidia-smi indices or UUIDs (GPU-…). Default: the GPUs in CUDA_VISIBLE_DEVICES when set, else all.',
  },
  {
    name: 'nvidia-smi-interval-ms',
    type: 'integer',
    default: 100,
    min: 10,
    max: 10_000,
    description: 'Sampling interval of the nvidia-smi power sampler, in milliseconds.',
  },
  {
    name: 'external-meter-command',
    type: 'list',
    description:
      'Command of an external power meter, run without a shell, as a JSON array (["ipmitool","dcmi","power","reading"]) or one line split at spaces. The first number it prints is taken.',
  },
  {
    name: 'external-meter-mode',
    type: 'enum',
    choices: ['power', 'energy'],
    default: 'power',
    description:
      'What the external meter command prints: power (watts, polled and integrated) or energy (cumulative joules, read at window start and end).',
  },
  {
    name: 'external-meter-interval-ms',
    type: 'integer',
    default: 1000,
    min: 50,
    max: 60_000,
    description: 'Polling interval of the external meter command in power mode, in milliseconds.',
  },
  {
    name: 'cpu-tdp-w',
    type: 'number',
    min: 1,
    max: 2000,
    description:
      "CPU package TDP in watts for the CPU-time estimate. Default: looked up by CPU model, else 85 W (CodeCarbon's fallback).",
  },
  {
    name: 'ram-w-per-gb',
    type: 'number',
    default: DEFAULT_RAM_W_PER_GB,
    min: 0,
    max: 10,
    description:
      'RAM power per GB of installed memory for the RAM estimate, in watts (default 0.375 = 3 W per 8 GB, as CodeCarbon).',
  },
  {
    name: 'require-measured-energy',
    type: 'boolean',
    default: false,
    description:
      'Fail (exit 2) when no meter can measure energy here, instead of reporting estimates; when some domain is measured, unmeasured domains are left out rather than estimated.',
  },
  {
    name: 'sysfs-root',
    type: 'path',
    default: '/',
    scope: 'cli',
    description: 'Filesystem root under which sys/class/powercap is read (RAPL); for tests and chroots.',
  },
] as const);

/** The energy meters' validated options. */
export interface PowerOptions {
  /** Meters to try; every meter when the input is `auto`. */
  meters: MeterId[];
  /** GPU indices/UUIDs, or null for CUDA_VISIBLE_DEVICES / all. */
  gpus: string[] | null;
  nvidiaSmiIntervalMs: number;
  /** argv of the external meter command, or null when none is configured. */
  externalMeterCommand: string[] | null;
  externalMeterMode: 'power' | 'energy';
  externalMeterIntervalMs: number;
  /** CPU TDP in watts, or null to look it up by model. */
  cpuTdpW: number | null;
  ramWPerGb: number;
  requireMeasuredEnergy: boolean;
  sysfsRoot: string;
}

/** Validate the meters' inputs (see `powerInputs`); throws `UserError` naming the input. */
export function readPowerOptions(values: InputValues): PowerOptions {
  const meterList = (values.meters as string[] | undefined) ?? ['auto'];
  for (const m of meterList) {
    if (m !== 'auto' && !(METER_IDS as readonly string[]).includes(m)) {
      throw new UserError(`unknown meter ${JSON.stringify(m)}; use auto or any of ${METER_IDS.join(', ')}.`, {
        input: 'meters',
      });
    }
  }
  const meters =
    meterList.length === 0 || meterList.includes('auto') ? [...METER_IDS] : (meterList as MeterId[]);
  const command = parseCommand(values['external-meter-command'] as string[] | undefined);
  if (meterList.includes('external') && !command) {
    throw new UserError('the external meter is selected but no command is set; set external-meter-command.', {
      input: 'meters',
    });
  }
  const gpus = (values.gpus as string[] | undefined)?.filter((g) => g !== '') ?? [];
  for (const g of gpus) {
    if (!/^(\d+|GPU-[0-9a-fA-F-]+|MIG-[\w/-]+)$/.test(g)) {
      throw new UserError(
        `${JSON.stringify(g)} is neither a GPU index (0) nor a UUID (GPU-…); see nvidia-smi -L.`,
        { input: 'gpus' },
      );
    }
  }
  return {
    meters,
    gpus: gpus.length ? gpus : null,
    nvidiaSmiIntervalMs: (values['nvidia-smi-interval-ms'] as number | undefined) ?? 100,
    externalMeterCommand: command,
    externalMeterMode: ((values['external-meter-mode'] as string | undefined) ?? 'power') as
      'power' | 'energy',
    externalMeterIntervalMs: (values['external-meter-interval-ms'] as number | undefined) ?? 1000,
    cpuTdpW: (values['cpu-tdp-w'] as number | undefined) ?? null,
    ramWPerGb: (values['ram-w-per-gb'] as number | undefined) ?? DEFAULT_RAM_W_PER_GB,
    requireMeasuredEnergy: (values['require-measured-energy'] as boolean | undefined) ?? false,
    sysfsRoot: (values['sysfs-root'] as string | undefined) || '/',
  };
}

/** argv from the list input: a JSON array, one line split at spaces, or the list items themselves. */
function parseCommand(items: string[] | undefined): string[] | null {
  if (!items || items.length === 0 || (items.length === 1 && items[0].trim() === '')) return null;
  if (items.length > 1) return items;
  const text = items[0].trim();
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UserError(
        `${JSON.stringify(text)} is not a valid JSON array (${(error as Error).message}).`,
        {
          input: 'external-meter-command',
        },
      );
    }
    if (
      !Array.isArray(parsed) ||
      parsed.length === 0 ||
      !parsed.every((p) => typeof p === 'string' && p !== '')
    ) {
      throw new UserError(
        `${JSON.stringify(text)} must be a non-empty JSON array of strings, e.g. ["ipmitool","dcmi","power","reading"].`,
        {
          input: 'external-meter-command',
        },
      );
    }
    return parsed as string[];
  }
  return text.split(/\s+/);
}
