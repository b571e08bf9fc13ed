/**
 * The power-meter interface every energy source implements (NVML counter, nvidia-smi sampler,
 * RAPL, external command, CPU-time estimate).
 *
 * Glossary: a *domain* is what a reading covers (`gpu:0`, `cpu:package-0`, `dram:0`, `system`);
 * a *window* is one stretch of the benchmark (one model's block of iterations, or the idle phase).
 */

export type EnergyMethod = 'measured' | 'estimated';

/** Whether a meter can run here; when not, `reason` says why (shown in the report). */
export type Availability = { available: true; domains: string[] } | { available: false; reason: string };

export interface EnergyReading {
  /** Joules per domain over the window, e.g. `{ 'gpu:0': 12.3, 'cpu:package-0': 40.1 }`. */
  energyJ: Record<string, number>;
  /** Length of the window in seconds. */
  durationS: number;
  /** Power samples or counter reads used (0 for pure estimates). */
  samples: number;
  method: EnergyMethod;
  /** The meter that produced it. */
  meterId: string;
  /** Optional extra observations from the window (GPU memory, utilisation, ...). */
  extra?: { gpuMemoryUsedMiB?: number; gpuUtilizationPct?: number; notes?: string[] };
}

export interface PowerMeter {
  /** Stable id, e.g. `nvml`, `nvidia-smi`, `rapl`, `external`, `cpu-estimate`. */
  readonly id: string;
  readonly method: EnergyMethod;
  probe(): Promise<Availability>;
  /** Begin a window. */
  start(): Promise<void>;
  /** End the window begun by the last `start()` and return its energy. */
  stop(): Promise<EnergyReading>;
  /** Release resources (child processes, libraries). Safe to call twice. */
  close(): Promise<void>;
}

export interface MeterSelection {
  active: PowerMeter[];
  skipped: { id: string; reason: string }[];
}

/**
 * One benchmark window with the meters' readings: a block of iterations of one model, or the
 * idle phase (`inferences: 0`). The harness produces these; `summarizeEnergy` turns them into
 * per-inference energy.
 */
export interface MeasuredWindow {
  role: 'base' | 'pruned' | 'idle';
  /** Inferences run in the window (iterations × batch size); 0 for idle. */
  inferences: number;
  durationS: number;
  /** Wall-clock start of the window (ms since the epoch), for emissions.csv timestamps. */
  startedAtMs?: number;
  /** One reading per active meter. */
  readings: EnergyReading[];
}

/**
 * Shortest window a measuring meter can resolve: NVML's energy counter updates about every
 * 100 ms, RAPL's every ~1 ms but is read through sysfs, and sampled power (nvidia-smi, external
 * meters) needs several samples per window. The harness lengthens windows to at least this when
 * any meter measures (by running more iterations per window).
 */
export const MIN_MEASURED_WINDOW_S = 1;
