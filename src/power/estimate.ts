/**
 * The honest estimate, for domains no meter measures: CPU energy = CPU time of the workload ×
 * (TDP / logical cores); RAM energy = installed memory × W/GB × window duration. Always
 * `method: 'estimated'`.
 */
import { readFileSync } from 'node:fs';
import type { TdpChoice } from './cpu-tdp.js';
import type { EnergyReading, PowerMeter } from './types.js';

/**
 * RAM power per GB of installed memory: 3 W per 8 GB = 0.375 W/GB, CodeCarbon's figure (its
 * `emissions.csv` shows ram_power = 0.375 × ram_total_size).
 */
export const DEFAULT_RAM_W_PER_GB = 0.375;

export interface EstimateMeterOptions {
  /** Estimate the CPU (domain `cpu`). */
  cpu: boolean;
  /** Estimate RAM (domain `dram`). */
  dram: boolean;
  tdp: TdpChoice;
  logicalCores: number;
  /** Installed memory in bytes. */
  totalMemoryBytes: number;
  ramWPerGb: number;
  /** Seconds of CPU used by the workload so far (user + system, all threads). */
  cpuTime: () => number;
  /** Clock in ms. */
  now?: () => number;
}

/**
 * CPU time of this process (onnxruntime-node runs its threads in-process) plus that of its
 * finished child processes (command mode), in seconds.
 */
export function processCpuTimeS(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6 + childrenCpuTimeS();
}

/** Linux clock ticks per second for /proc times (USER_HZ, 100 on every mainstream architecture). */
const USER_HZ = 100;

/** CPU time of reaped children (`cutime + cstime` of /proc/self/stat) in seconds; 0 off Linux. */
export function childrenCpuTimeS(statText?: string): number {
  try {
    const text = statText ?? readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3 (state).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]); // fields 16 (cutime) and 17 (cstime)
    return Number.isFinite(ticks) ? ticks / USER_HZ : 0;
  } catch {
    return 0;
  }
}

export class EstimateMeter implements PowerMeter {
  readonly id = 'estimate';
  readonly method = 'estimated' as const;
  private startCpuS = 0;
  private startMs = 0;
  private readonly now: () => number;

  constructor(private readonly options: EstimateMeterOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Domains this meter covers. */
  get domains(): string[] {
    return [...(this.options.cpu ? ['cpu'] : []), ...(this.options.dram ? ['dram'] : [])];
  }

  async probe() {
    if (this.domains.length === 0) return { available: false as const, reason: 'nothing left to estimate' };
    return { available: true as const, domains: this.domains };
  }

  async start(): Promise<void> {
    this.startCpuS = this.options.cpuTime();
    this.startMs = this.now();
  }

  async stop(): Promise<EnergyReading> {
    const cpuS = Math.max(0, this.options.cpuTime() - this.startCpuS);
    const durationS = (this.now() - this.startMs) / 1000;
    const { tdp, logicalCores, totalMemoryBytes, ramWPerGb } = this.options;
    const energyJ: Record<string, number> = {};
    const notes: string[] = [];
    if (this.options.cpu) {
      energyJ.cpu = (cpuS * tdp.tdpW) / logicalCores;
      notes.push(
        `estimate: cpu = ${cpuS.toFixed(3)} s CPU time × ${tdp.tdpW} W TDP / ${logicalCores} logical cores (${tdp.source})`,
      );
    }
    if (this.options.dram) {
      const gb = totalMemoryBytes / 1e9;
      energyJ.dram = gb * ramWPerGb * durationS;
      notes.push(`estimate: dram = ${gb.toFixed(1)} GB × ${ramWPerGb} W/GB × ${durationS.toFixed(3)} s`);
    }
    return { energyJ, durationS, samples: 0, method: 'estimated', meterId: this.id, extra: { notes } };
  }

  async close(): Promise<void> {}
}
