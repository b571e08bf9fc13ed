/**
 * nvidia-smi sampler: one long-running `nvidia-smi --query-gpu=… -lms <interval>` process,
 * parsed line by line, integrated with the trapezoidal rule on the CSV's own timestamps.
 * Also the source of GPU memory and utilisation. Restarts the process if it dies (up to
 * `MAX_RESTARTS` times), then reports why in every reading's notes.
 */
import { execa, type ResultPromise } from 'execa';
import type { Logger } from '../log.js';
import { defaultExec, type Exec } from './exec.js';
import { gpuDomain, pickGpus, type GpuChoice, type GpuId } from './gpus.js';
import { integrateWindow, type PowerSample } from './integrate.js';
import { parseSmiLine, rowToSample, type SmiSample } from './smi-csv.js';
import { probeNvidiaSmi } from './smi-probe.js';
import type { Availability, EnergyReading, PowerMeter } from './types.js';

const MAX_RESTARTS = 3;
/** How long `start()` waits for the first sample of a freshly spawned process, in ms. */
const FIRST_SAMPLE_TIMEOUT_MS = 10_000;

export interface NvidiaSmiMeterOptions {
  intervalMs: number;
  gpus: GpuChoice;
  env?: NodeJS.ProcessEnv;
  exec?: Exec;
  logger?: Logger;
  /** The executable (default `nvidia-smi`, looked up on the env's PATH). */
  command?: string;
  /** Wall clock in ms since epoch; must be the clock nvidia-smi's timestamps use. */
  now?: () => number;
}

export class NvidiaSmiMeter implements PowerMeter {
  readonly id = 'nvidia-smi';
  readonly method = 'measured' as const;
  private fields: string[] = [];
  private gpus: GpuId[] = [];
  private readonly samples = new Map<number, SmiSample[]>();
  private proc: ResultPromise | null = null;
  private restarts = 0;
  private dead: string | null = null;
  private closing = false;
  private malformed = 0;
  private windowStartMs = 0;
  private windowNotes: string[] = [];
  private waiters: (() => void)[] = [];
  private readonly now: () => number;
  private readonly command: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: NvidiaSmiMeterOptions) {
    this.now = options.now ?? Date.now;
    this.command = options.command ?? 'nvidia-smi';
    this.env = options.env ?? process.env;
  }

  async probe(): Promise<Availability> {
    const probe = await probeNvidiaSmi(this.options.exec ?? defaultExec, this.command, this.env);
    if (!probe.ok) return { available: false, reason: probe.reason };
    const present = probe.samples.map((s) => ({ index: s.index, uuid: s.uuid }));
    const picked = pickGpus(this.options.gpus, present);
    if ('error' in picked) return { available: false, reason: picked.error };
    const noPower = picked.gpus.filter(
      (g) => probe.samples.find((s) => s.index === g.index)?.powerW === null,
    );
    if (noPower.length > 0) {
      const list = noPower.map((g) => g.index).join(', ');
      return {
        available: false,
        reason: `nvidia-smi reports power draw as [N/A] on GPU ${list} (not exposed by this GPU/driver)`,
      };
    }
    this.fields = probe.fields;
    this.gpus = picked.gpus;
    if (!this.fields.includes('power.draw.instant')) {
      this.options.logger?.warn(
        'nvidia-smi: this driver has no power.draw.instant; using power.draw, which is a 1-second average on Ampere and newer GPUs, so short windows are smeared',
      );
    }
    return { available: true, domains: this.gpus.map((g) => gpuDomain(g.index)) };
  }

  /** The power field in use (`power.draw.instant` or `power.draw`), after a successful probe. */
  get powerField(): string {
    return this.fields.includes('power.draw.instant') ? 'power.draw.instant' : 'power.draw';
  }

  async start(): Promise<void> {
    this.windowNotes = [];
    if (!this.proc && !this.dead) {
      this.spawn();
      await this.waitFor(
        () => this.gpus.every((g) => (this.samples.get(g.index)?.length ?? 0) > 0),
        FIRST_SAMPLE_TIMEOUT_MS,
      );
    }
    this.windowStartMs = this.now();
  }

  async stop(): Promise<EnergyReading> {
    const stopMs = this.now();
    const covered = () => this.gpus.every((g) => (this.samples.get(g.index)?.at(-1)?.timeMs ?? 0) >= stopMs);
    await this.waitFor(() => covered() || this.proc === null, this.options.intervalMs * 3 + 2000);
    const energyJ: Record<string, number> = {};
    const notes = [...this.windowNotes];
    let count = 0;
    let memoryMiB = 0;
    const utilization: number[] = [];
    for (const gpu of this.gpus) {
      const trace = this.samples.get(gpu.index) ?? [];
      const power: PowerSample[] = trace
        .filter((s) => s.powerW !== null)
        .map((s) => ({ timeMs: s.timeMs, powerW: s.powerW! }));
      const result = integrateWindow(power, this.windowStartMs, stopMs);
      energyJ[gpuDomain(gpu.index)] = result.energyJ;
      count += result.samples;
      if (result.extrapolated)
        notes.push(`nvidia-smi: GPU ${gpu.index} trace did not cover the whole window; edge power held`);
      const inWindow = trace.filter((s) => s.timeMs >= this.windowStartMs && s.timeMs <= stopMs);
      memoryMiB += Math.max(0, ...inWindow.map((s) => s.memoryUsedMiB ?? 0));
      utilization.push(...inWindow.flatMap((s) => (s.utilizationPct === null ? [] : [s.utilizationPct])));
      // Keep one sample before the next window so its start edge can be interpolated.
      const keepFrom = trace.findLastIndex((s) => s.timeMs <= stopMs);
      if (keepFrom > 0) trace.splice(0, keepFrom);
    }
    if (this.malformed > 0) notes.push(`nvidia-smi: ignored ${this.malformed} malformed line(s)`);
    if (this.powerField === 'power.draw')
      notes.push('nvidia-smi: power.draw (1 s average on Ampere and newer)');
    if (this.dead)
      notes.push(`nvidia-smi: sampler stopped (${this.dead}); energy covers only the samples received`);
    this.malformed = 0;
    const meanUtil = utilization.length
      ? utilization.reduce((a, b) => a + b, 0) / utilization.length
      : undefined;
    return {
      energyJ,
      durationS: (stopMs - this.windowStartMs) / 1000,
      samples: count,
      method: 'measured',
      meterId: this.id,
      extra: { gpuMemoryUsedMiB: memoryMiB, gpuUtilizationPct: meanUtil, notes },
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    const proc = this.proc;
    this.proc = null;
    if (proc) {
      proc.kill('SIGTERM');
      await proc.catch(() => undefined);
    }
  }

  private spawn(): void {
    const args = [
      `--query-gpu=${this.fields.join(',')}`,
      '--format=csv,noheader,nounits',
      '-lms',
      String(this.options.intervalMs),
    ];
    const proc = execa(this.command, args, {
      env: this.env,
      reject: false,
      buffer: false,
      stdin: 'ignore',
      stderr: 'ignore',
    });
    this.proc = proc;
    let pending = '';
    proc.stdout?.setEncoding('utf8');
    proc.stdout?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) this.onLine(line);
    });
    void proc.then((result) => this.onExit(proc, result.exitCode ?? null, result.signal ?? null));
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    const row = parseSmiLine(line, this.fields);
    const sample = row ? rowToSample(row) : null;
    if (!sample) {
      this.malformed++;
      return;
    }
    if (!this.gpus.some((g) => g.index === sample.index)) return;
    const trace = this.samples.get(sample.index) ?? [];
    if (trace.length > 0 && trace[trace.length - 1].timeMs >= sample.timeMs) return; // out of order or repeated
    trace.push(sample);
    this.samples.set(sample.index, trace);
    this.wake();
  }

  private onExit(proc: ResultPromise, exitCode: number | null, signal: string | null): void {
    if (this.proc !== proc) return;
    this.proc = null;
    this.wake();
    if (this.closing) return;
    const why = signal ? `killed by ${signal}` : `exited with code ${exitCode}`;
    if (this.restarts < MAX_RESTARTS) {
      this.restarts++;
      this.windowNotes.push(`nvidia-smi: sampler ${why}; restarted (${this.restarts}/${MAX_RESTARTS})`);
      this.options.logger?.warn(`nvidia-smi sampler ${why}; restarting (${this.restarts}/${MAX_RESTARTS})`);
      this.spawn();
    } else {
      this.dead = `${why}, after ${MAX_RESTARTS} restarts`;
      this.options.logger?.warn(`nvidia-smi sampler ${why} again; giving up after ${MAX_RESTARTS} restarts`);
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  /** Resolve when `done()` holds (checked on every sample and exit) or after `timeoutMs`. */
  private waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      let finished = false;
      const finish = () => {
        finished = true;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      const check = () => {
        if (finished) return;
        if (done()) finish();
        else this.waiters.push(check);
      };
      check();
    });
  }
}
