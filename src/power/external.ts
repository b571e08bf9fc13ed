/**
 * External meter: a user command (no shell) that prints either the current power in watts,
 * polled at an interval and integrated, or a cumulative energy in joules, read at the start
 * and the end of each window. The first number in its output is taken, so
 * `ipmitool dcmi power reading` ("Instantaneous power reading: 254 Watts") works as is, as
 * does a smart-plug CLI printing `31.5`. Its domain is `system` (the whole machine at the wall).
 */
import { defaultExec, firstLine, type Exec } from './exec.js';
import { integrateWindow, type PowerSample } from './integrate.js';
import type { Availability, EnergyReading, PowerMeter } from './types.js';

export interface ExternalMeterOptions {
  /** argv: the file, then its arguments. */
  command: string[];
  /** `power`: prints watts, polled; `energy`: prints cumulative joules, read at start/stop. */
  mode: 'power' | 'energy';
  intervalMs: number;
  exec?: Exec;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

/** The first number in a command's output, or null. */
export function firstNumber(text: string): number | null {
  const m = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(text);
  return m ? Number(m[0]) : null;
}

export const EXTERNAL_DOMAIN = 'system';

export class ExternalMeter implements PowerMeter {
  readonly id = 'external';
  readonly method = 'measured' as const;
  private samples: PowerSample[] = [];
  private startMs = 0;
  private startJ = 0;
  private polling: Promise<void> | null = null;
  private running = false;
  private failures: string[] = [];
  private readonly exec: Exec;
  private readonly now: () => number;

  constructor(private readonly options: ExternalMeterOptions) {
    this.exec = options.exec ?? defaultExec;
    this.now = options.now ?? Date.now;
  }

  async probe(): Promise<Availability> {
    try {
      await this.read();
    } catch (error) {
      return { available: false, reason: (error as Error).message };
    }
    return { available: true, domains: [EXTERNAL_DOMAIN] };
  }

  async start(): Promise<void> {
    this.failures = [];
    if (this.options.mode === 'energy') {
      // Stamp the reading at the middle of the command's run, where the meter most likely read.
      const before = this.now();
      this.startJ = await this.read();
      this.startMs = (before + this.now()) / 2;
      return;
    }
    this.samples = [];
    await this.sample();
    this.startMs = this.now();
    this.running = true;
    this.polling = this.poll();
  }

  async stop(): Promise<EnergyReading> {
    const stopMs = this.now();
    if (this.options.mode === 'energy') {
      const endJ = await this.read();
      const endMs = (stopMs + this.now()) / 2;
      return this.reading({ [EXTERNAL_DOMAIN]: Math.max(0, endJ - this.startJ) }, endMs, 2, []);
    }
    this.running = false;
    await this.polling;
    await this.sample();
    const result = integrateWindow(this.samples, this.startMs, stopMs);
    const notes = this.failures.length
      ? [`external: ${this.failures.length} failed poll(s): ${this.failures[0]}`]
      : [];
    return this.reading({ [EXTERNAL_DOMAIN]: result.energyJ }, stopMs, result.samples, notes);
  }

  async close(): Promise<void> {
    this.running = false;
    await this.polling;
  }

  private reading(
    energyJ: Record<string, number>,
    stopMs: number,
    samples: number,
    notes: string[],
  ): EnergyReading {
    return {
      energyJ,
      durationS: (stopMs - this.startMs) / 1000,
      samples,
      method: 'measured',
      meterId: this.id,
      extra: { notes },
    };
  }

  private async poll(): Promise<void> {
    while (this.running) {
      const began = this.now();
      await this.sample();
      const waitMs = this.options.intervalMs - (this.now() - began);
      if (waitMs > 0 && this.running) await new Promise((r) => setTimeout(r, waitMs));
    }
  }

  /** One power sample, stamped at the middle of the command's run. */
  private async sample(): Promise<void> {
    const before = this.now();
    try {
      const powerW = await this.read();
      this.samples.push({ timeMs: (before + this.now()) / 2, powerW });
    } catch (error) {
      this.failures.push((error as Error).message);
    }
  }

  private async read(): Promise<number> {
    const [file, ...args] = this.options.command;
    const result = await this.exec(file, args, { timeoutMs: 10_000, env: this.options.env });
    const shown = this.options.command.join(' ');
    if (result.exitCode !== 0) {
      throw new Error(
        `external meter command \`${shown}\` failed: ${result.failure ?? firstLine(result.stderr)}`,
      );
    }
    const value = firstNumber(result.stdout);
    if (value === null) {
      throw new Error(
        `external meter command \`${shown}\` printed no number (${JSON.stringify(firstLine(result.stdout))})`,
      );
    }
    return value;
  }
}
