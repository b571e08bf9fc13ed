/** A scripted `PowerMeter` for tests: constant power per domain over the real window length. */
import type { Availability, EnergyMethod, EnergyReading, PowerMeter } from '../../src/power/types.js';

export class ScriptedMeter implements PowerMeter {
  readonly calls: string[] = [];
  private startedAt = 0;

  constructor(
    readonly id: string,
    private readonly powerW: Record<string, number>,
    readonly method: EnergyMethod = 'measured',
    private readonly failOn?: 'start' | 'stop',
  ) {}

  async probe(): Promise<Availability> {
    return { available: true, domains: Object.keys(this.powerW) };
  }

  async start(): Promise<void> {
    this.calls.push('start');
    if (this.failOn === 'start') throw new Error(`${this.id} cannot start`);
    this.startedAt = performance.now();
  }

  async stop(): Promise<EnergyReading> {
    this.calls.push('stop');
    if (this.failOn === 'stop') throw new Error(`${this.id} cannot stop`);
    const durationS = (performance.now() - this.startedAt) / 1000;
    const energyJ = Object.fromEntries(Object.entries(this.powerW).map(([d, w]) => [d, w * durationS]));
    return { energyJ, durationS, samples: 1, method: this.method, meterId: this.id };
  }

  async close(): Promise<void> {
    this.calls.push('close');
  }
}
