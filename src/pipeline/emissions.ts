/** emissions.csv for `compare`: one CodeCarbon row per measured model window. */
import { emissionsLocation, emissionsRowsFromWindows, energyMethodOf } from '../carbon/emissions-rows.js';
import { toEmissionsCsv } from '../carbon/emissions-csv.js';
import type { CarbonOptions } from '../carbon/types.js';
import type { HardwareSummary } from '../power/hardware.js';
import { windowEnergyByDomain } from '../power/summary.js';
import type { CarbonIntensityInfo } from '../report/types.js';
import type { BenchmarkResult } from '../workload/types.js';

export function buildEmissionsCsv(
  benchmarks: readonly BenchmarkResult[],
  ctx: { intensity: CarbonIntensityInfo; carbon: CarbonOptions; hardware: HardwareSummary; runId: string },
): string {
  const start = Date.now();
  const windows = benchmarks.flatMap((b) =>
    [...b.base.windows, ...b.pruned.windows].map((w) => ({
      role: b.batchSize === 1 ? w.role : `${w.role}-batch${b.batchSize}`,
      durationS: w.durationS,
      energyJByDomain: windowEnergyByDomain(w),
      timestamp: new Date(w.startedAtMs ?? start),
      runId: ctx.runId,
      energyMethod: energyMethodOf(w.readings),
    })),
  );
  const rows = emissionsRowsFromWindows(windows, {
    intensity: ctx.intensity,
    location: emissionsLocation(ctx.carbon),
    machine: {
      os: `${ctx.hardware.platform}-${ctx.hardware.arch}`,
      cpuCount: ctx.hardware.logicalCores,
      cpuModel: ctx.hardware.cpuModel,
      gpuCount: ctx.hardware.gpus.length,
      gpuModel: ctx.hardware.gpus.map((g) => g.name).join(', '),
      ramTotalSizeGB: ctx.hardware.totalMemoryBytes / 1e9,
    },
  });
  return toEmissionsCsv(rows);
}
