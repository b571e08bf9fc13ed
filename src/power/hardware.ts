/** What the machine is, for `environment.hardware` in the report and for the estimate. */
import os from 'node:os';
import { defaultExec, type Exec } from './exec.js';
import { parseSmiLine } from './smi-csv.js';

/** CPU and memory facts of this machine. */
export interface CpuFacts {
  cpuModel: string;
  logicalCores: number;
  totalMemoryBytes: number;
}

export interface GpuFacts {
  index: number;
  name: string;
  uuid: string;
  memoryTotalMiB: number | null;
  driverVersion: string | null;
}

export interface HardwareSummary extends CpuFacts {
  platform: string;
  arch: string;
  /** GPUs nvidia-smi lists; empty when there is none or no driver. */
  gpus: GpuFacts[];
}

/** CPU model (first core's), logical cores and installed memory, from `node:os`. */
export function cpuFacts(): CpuFacts {
  return {
    cpuModel: os.cpus()[0]?.model.trim() || 'unknown',
    logicalCores: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
  };
}

const GPU_FIELDS = ['index', 'name', 'uuid', 'memory.total', 'driver_version'];

/** The machine's CPU, memory and (via nvidia-smi, when present) GPUs. Never throws. */
export async function hardwareSummary(
  deps: { exec?: Exec; env?: NodeJS.ProcessEnv } = {},
): Promise<HardwareSummary> {
  const exec = deps.exec ?? defaultExec;
  const result = await exec(
    'nvidia-smi',
    [`--query-gpu=${GPU_FIELDS.join(',')}`, '--format=csv,noheader,nounits'],
    {
      timeoutMs: 15_000,
      env: deps.env,
    },
  ).catch(() => null);
  const gpus: GpuFacts[] = [];
  if (result?.exitCode === 0) {
    for (const line of result.stdout.split('\n')) {
      const row = parseSmiLine(line, GPU_FIELDS);
      if (!row || typeof row.index !== 'number') continue;
      gpus.push({
        index: row.index,
        name: String(row.name ?? 'unknown'),
        uuid: String(row.uuid ?? ''),
        memoryTotalMiB: typeof row['memory.total'] === 'number' ? row['memory.total'] : null,
        driverVersion: row.driver_version === null ? null : String(row.driver_version),
      });
    }
  }
  return { ...cpuFacts(), platform: process.platform, arch: process.arch, gpus };
}
