/**
 * `carbon-delta track -- <command>`: run any command (a training or fine-tuning job) under the
 * power meters and append one CodeCarbon-compatible row to an emissions.csv.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { execa } from 'execa';
import { UserError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { readingsEnergyByDomain } from '../power/summary.js';
import type { EnergyReading, PowerMeter } from '../power/types.js';
import type { CarbonIntensityInfo } from '../report/types.js';
import { appendEmissionsCsv } from './emissions-file.js';
import { emissionsRowsFromWindows, energyMethodOf, type EmissionsRowContext } from './emissions-rows.js';
import type { EmissionsRow } from './types.js';

export interface TrackOptions {
  /** Active meters (probed by the caller). Started before the command, stopped after; not closed. */
  meters: PowerMeter[];
  intensity: CarbonIntensityInfo;
  /** emissions.csv to append to (created with a header when absent). */
  outPath: string;
  /** `project_name` column. Default `carbon-delta`. */
  projectName?: string;
  logger?: Logger;
  /** Extra columns (cloud provider/region, machine); the machine defaults to this host's. */
  location?: EmissionsRowContext['location'];
  machine?: EmissionsRowContext['machine'];
  /** Seams for tests. */
  runId?: string;
  now?: () => Date;
}

/** Runs `command` (argument array, stdio inherited) and returns its exit code (128 + signal number when killed). */
export async function runTrack(
  command: string[],
  options: TrackOptions,
): Promise<{ exitCode: number; row: EmissionsRow }> {
  if (command.length === 0)
    throw new UserError(
      'track: give the command to run after --, e.g. carbon-delta track -- python train.py',
    );
  const now = options.now ?? (() => new Date());
  const logger = options.logger;
  const started: PowerMeter[] = [];
  for (const meter of options.meters) {
    try {
      await meter.start();
      started.push(meter);
    } catch (error) {
      logger?.warn(`track: meter ${meter.id} did not start (${errorMessage(error)}); continuing without it.`);
    }
  }
  if (started.length === 0)
    logger?.warn('track: no power meter is running; the emissions row will show 0 energy.');
  const startedAt = now();
  const t0 = performance.now();
  const result = await execa(command[0], command.slice(1), { stdio: 'inherit', reject: false });
  const durationS = (performance.now() - t0) / 1000;
  const readings: EnergyReading[] = [];
  for (const meter of started) {
    try {
      readings.push(await meter.stop());
    } catch (error) {
      logger?.warn(
        `track: meter ${meter.id} failed to stop (${errorMessage(error)}); its energy is left out.`,
      );
    }
  }
  if (result.exitCode === undefined && result.signal === undefined) {
    throw new UserError(
      `track: could not run "${command[0]}": ${result.shortMessage ?? errorMessage(result.cause)}`,
      {
        cause: result.cause,
      },
    );
  }
  const [row] = emissionsRowsFromWindows(
    [
      {
        role: 'track',
        durationS,
        energyJByDomain: mergeReadings(readings),
        timestamp: startedAt,
        runId: options.runId ?? randomUUID(),
        energyMethod: energyMethodOf(readings),
      },
    ],
    {
      intensity: options.intensity,
      projectName: options.projectName,
      location: options.location,
      machine: options.machine ?? hostMachine(),
    },
  );
  await appendEmissionsCsv(options.outPath, [row], logger);
  logger?.info(
    `track: ${row.energy_consumed.toPrecision(3)} kWh, ${row.emissions.toPrecision(3)} kg CO2e → ${options.outPath}`,
  );
  return { exitCode: exitCodeOf(result.exitCode, result.signal), row };
}

/**
 * Energy per domain across meters, in joules: the meter preference of the report
 * (`readingsEnergyByDomain`: nvml over rapl over nvidia-smi over external over the estimate), so
 * `track`'s emissions.csv and `compare`'s report count energy the same way.
 */
export function mergeReadings(readings: EnergyReading[]): Record<string, number> {
  return readingsEnergyByDomain(readings);
}

function exitCodeOf(exitCode: number | undefined, signal: string | undefined): number {
  if (exitCode !== undefined) return exitCode;
  const number = signal ? os.constants.signals[signal as keyof typeof os.constants.signals] : undefined;
  return number === undefined ? 1 : 128 + number;
}

function hostMachine(): EmissionsRowContext['machine'] {
  const cpus = os.cpus();
  return {
    os: `${os.type()}-${os.release()}-${os.arch()}`,
    cpuCount: cpus.length,
    cpuModel: cpus[0]?.model ?? '',
    ramTotalSizeGB: Math.round((os.totalmem() / 1024 ** 3) * 1000) / 1000,
  };
}
