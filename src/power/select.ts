/**
 * Probe every candidate meter, keep the ones that work and the reasons of the others. The
 * estimate covers only what nothing measures: with only a GPU meter, CPU and RAM stay estimated.
 */
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { cpuTdp } from './cpu-tdp.js';
import { EstimateMeter, processCpuTimeS } from './estimate.js';
import type { Exec } from './exec.js';
import { ExternalMeter } from './external.js';
import { resolveGpuChoice } from './gpus.js';
import { cpuFacts, type CpuFacts } from './hardware.js';
import type { MeterId, PowerOptions } from './inputs.js';
import { NvidiaSmiMeter } from './nvidia-smi.js';
import { NvmlMeter } from './nvml.js';
import { RaplMeter, type ReadText } from './rapl.js';
import type { MeterSelection, PowerMeter } from './types.js';

/** The outside world of `selectMeters`; every field has a real default. */
export interface SelectDeps {
  exec?: Exec;
  /** Filesystem root for RAPL (overrides the `sysfs-root` input). */
  sysfsRoot?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Seconds of CPU used by the workload so far (default: this process's CPU time). */
  cpuTime?: () => number;
  /** NVML library path (default `libnvidia-ml.so.1`). */
  nvmlLibrary?: string;
  /** sysfs file reader for RAPL. */
  readText?: ReadText;
  /** CPU/memory facts for the estimate (default: from `node:os`). */
  cpu?: CpuFacts;
  /** Clock in ms since epoch. */
  now?: () => number;
}

/** The selection, with each active meter's domains. */
export interface MeterSelectionDetail extends MeterSelection {
  domains: Record<string, string[]>;
}

/**
 * Probe all candidate meters (see `PowerOptions.meters`) and return the active ones and the
 * skipped ones with their reasons. Throws `UserError` when `require-measured-energy` is set and
 * nothing can measure.
 */
export async function selectMeters(
  options: PowerOptions,
  deps: SelectDeps = {},
): Promise<MeterSelectionDetail> {
  const env = deps.env ?? process.env;
  const gpus = resolveGpuChoice(options.gpus, env);
  const wanted = (id: MeterId) => options.meters.includes(id);
  const candidates: { id: MeterId; make: () => PowerMeter | string }[] = [
    { id: 'nvml', make: () => new NvmlMeter({ gpus, library: deps.nvmlLibrary, now: deps.now }) },
    {
      id: 'nvidia-smi',
      make: () =>
        new NvidiaSmiMeter({
          intervalMs: options.nvidiaSmiIntervalMs,
          gpus,
          env,
          exec: deps.exec,
          logger: deps.logger,
          now: deps.now,
        }),
    },
    {
      id: 'rapl',
      make: () =>
        new RaplMeter({
          sysfsRoot: deps.sysfsRoot ?? options.sysfsRoot,
          readText: deps.readText,
          now: deps.now,
        }),
    },
    {
      id: 'external',
      make: () =>
        options.externalMeterCommand
          ? new ExternalMeter({
              command: options.externalMeterCommand,
              mode: options.externalMeterMode,
              intervalMs: options.externalMeterIntervalMs,
              exec: deps.exec,
              env,
              now: deps.now,
            })
          : 'no external-meter-command configured',
    },
  ];
  const selection: MeterSelectionDetail = { active: [], skipped: [], domains: {} };
  const probed = await Promise.all(
    candidates.map(async (c) => {
      if (!wanted(c.id)) return { id: c.id, reason: `not selected (meters: ${options.meters.join(', ')})` };
      const meter = c.make();
      if (typeof meter === 'string') return { id: c.id, reason: meter };
      const availability = await meter
        .probe()
        .catch((error: unknown) => ({ available: false as const, reason: String(error) }));
      return availability.available
        ? { id: c.id, meter, domains: availability.domains }
        : { id: c.id, reason: availability.reason };
    }),
  );
  for (const p of probed) {
    if ('meter' in p && p.meter) {
      selection.active.push(p.meter);
      selection.domains[p.id] = p.domains;
    } else if ('reason' in p) {
      selection.skipped.push({ id: p.id, reason: p.reason });
      deps.logger?.debug(`meter ${p.id} skipped: ${p.reason}`);
    }
  }
  addEstimate(selection, options, deps);
  return selection;
}

/** Add the estimate meter for the CPU/RAM domains no active meter measures, or say why not. */
function addEstimate(selection: MeterSelectionDetail, options: PowerOptions, deps: SelectDeps): void {
  const measured = [...new Set(Object.values(selection.domains).flat())];
  const covers = (prefix: string) => measured.some((d) => d === 'system' || d.startsWith(prefix));
  const cpu = !covers('cpu');
  const dram = !covers('dram');
  const skip = (reason: string): void => {
    selection.skipped.push({ id: 'estimate', reason });
  };
  if (!options.meters.includes('estimate'))
    return skip(`not selected (meters: ${options.meters.join(', ')})`);
  if (!cpu && !dram) return skip('not needed: CPU and RAM are measured');
  const missing = [...(cpu ? ['CPU'] : []), ...(dram ? ['RAM'] : [])].join(' and ');
  if (options.requireMeasuredEnergy) {
    if (selection.active.length === 0) {
      const reasons = selection.skipped.map((s) => `${s.id}: ${s.reason}`).join('; ');
      throw new UserError(
        `no meter can measure energy on this machine (${reasons}). Fix one of these, or set require-measured-energy: false to report estimates.`,
        { input: 'require-measured-energy' },
      );
    }
    deps.logger?.warn(
      `require-measured-energy is set: ${missing} energy is not estimated and is left out of the totals`,
    );
    return skip(`require-measured-energy is set; ${missing} not estimated`);
  }
  const facts = deps.cpu ?? cpuFacts();
  const meter = new EstimateMeter({
    cpu,
    dram,
    tdp: cpuTdp(facts.cpuModel, options.cpuTdpW),
    logicalCores: facts.logicalCores,
    totalMemoryBytes: facts.totalMemoryBytes,
    ramWPerGb: options.ramWPerGb,
    cpuTime: deps.cpuTime ?? processCpuTimeS,
    now: deps.now,
  });
  selection.active.push(meter);
  selection.domains.estimate = meter.domains;
  const what = measured.length ? `only ${measured.join(', ')} measured` : 'nothing measured';
  deps.logger?.warn(
    `${missing} energy is estimated from CPU time × TDP and installed memory × W/GB (${what})`,
  );
}
