/**
 * RAPL through the Linux powercap interface: `energy_uj` counters of `intel-rapl:*` zones (also
 * used for AMD Zen since Linux 5.8) and `amd-rapl:*` where present.
 *
 * Glossary: a *zone* is a directory such as `intel-rapl:0` (`name` = `package-0`) or
 * `intel-rapl:0:2` (`name` = `dram`, a sub-zone of package 0). `core`/`uncore` sub-zones are part
 * of their package and `psys` spans the whole platform, so only package and dram zones are read.
 * The counter wraps at `max_energy_range_uj`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Availability, EnergyReading, PowerMeter } from './types.js';

/** Where the powercap class lives under a sysfs root (`/` on a real machine). */
export const POWERCAP_PATH = 'sys/class/powercap';

/** Reads one sysfs file as text; the seam tests use to fake permission errors. */
export type ReadText = (file: string) => Promise<string>;

export interface RaplMeterOptions {
  /** Filesystem root holding `sys/class/powercap` (default `/`). */
  sysfsRoot?: string;
  readText?: ReadText;
  /** Clock in ms (default `Date.now`). */
  now?: () => number;
}

interface Zone {
  dir: string;
  domain: string;
  maxUj: number;
}

/** How to fix an unreadable counter on a self-hosted runner. */
export const RAPL_PERMISSION_HELP =
  'Since Linux 5.10 energy_uj is readable by root only (CVE-2020-8694). On a self-hosted runner grant read access with ' +
  '`sudo chmod a+r /sys/class/powercap/intel-rapl:*/energy_uj /sys/class/powercap/intel-rapl:*:*/energy_uj` (until reboot), ' +
  'or persistently with a systemd-tmpfiles rule such as `z /sys/class/powercap/intel-rapl:*/energy_uj 0444 - - -` ' +
  '(and the same for `intel-rapl:*:*`); in a container also mount /sys/class/powercap from the host.';

const ZONE_RE = /^(intel-rapl|amd-rapl):(\d+)(:\d+)?$/;

export class RaplMeter implements PowerMeter {
  readonly id = 'rapl';
  readonly method = 'measured' as const;
  private zones: Zone[] = [];
  private startUj: number[] = [];
  private startMs = 0;
  private readonly probeNotes: string[] = [];
  private readonly readText: ReadText;
  private readonly now: () => number;
  private readonly dir: string;

  constructor(options: RaplMeterOptions = {}) {
    this.readText = options.readText ?? ((file) => readFile(file, 'utf8'));
    this.now = options.now ?? Date.now;
    this.dir = path.join(options.sysfsRoot ?? '/', POWERCAP_PATH);
  }

  async probe(): Promise<Availability> {
    let entries: string[];
    try {
      entries = (await readdir(this.dir)).sort();
    } catch {
      return {
        available: false,
        reason: `no ${this.dir} (no RAPL driver loaded, or hidden in this VM/container)`,
      };
    }
    const zones: Zone[] = [];
    const unreadable: string[] = [];
    for (const entry of entries) {
      const m = ZONE_RE.exec(entry);
      if (!m) continue;
      const dir = path.join(this.dir, entry);
      const name = (await this.readText(path.join(dir, 'name')).catch(() => '')).trim();
      const domain = name.startsWith('package-') ? `cpu:${name}` : name === 'dram' ? `dram:${m[2]}` : null;
      if (!domain || zones.some((z) => z.domain === domain)) continue;
      const energyFile = path.join(dir, 'energy_uj');
      try {
        await this.readUj(energyFile);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        unreadable.push(`${energyFile} (${code})`);
        continue;
      }
      const maxText = await this.readText(path.join(dir, 'max_energy_range_uj')).catch(() => '');
      const maxUj = Number(maxText.trim());
      zones.push({
        dir,
        domain,
        maxUj: Number.isFinite(maxUj) && maxUj > 0 ? maxUj : Number.POSITIVE_INFINITY,
      });
    }
    const packagesUnreadable = unreadable.length > 0 && !zones.some((z) => z.domain.startsWith('cpu:'));
    if (zones.length === 0 || packagesUnreadable) {
      if (unreadable.length > 0) {
        return { available: false, reason: `cannot read ${unreadable.join(', ')}. ${RAPL_PERMISSION_HELP}` };
      }
      return { available: false, reason: `no RAPL package or dram zones under ${this.dir}` };
    }
    this.zones = zones;
    if (unreadable.length > 0) this.probeNotes.push(`rapl: skipped unreadable ${unreadable.join(', ')}`);
    return { available: true, domains: zones.map((z) => z.domain) };
  }

  async start(): Promise<void> {
    this.startUj = await Promise.all(this.zones.map((z) => this.readUj(path.join(z.dir, 'energy_uj'))));
    this.startMs = this.now();
  }

  async stop(): Promise<EnergyReading> {
    const endUj = await Promise.all(this.zones.map((z) => this.readUj(path.join(z.dir, 'energy_uj'))));
    const stopMs = this.now();
    const energyJ: Record<string, number> = {};
    const notes = [...this.probeNotes];
    this.zones.forEach((zone, i) => {
      const { deltaUj, wrapped } = counterDelta(this.startUj[i], endUj[i], zone.maxUj);
      if (wrapped)
        notes.push(
          `rapl: ${zone.domain} counter wrapped during the window (corrected with max_energy_range_uj)`,
        );
      energyJ[zone.domain] = deltaUj / 1e6;
    });
    return {
      energyJ,
      durationS: (stopMs - this.startMs) / 1000,
      samples: 2,
      method: 'measured',
      meterId: this.id,
      extra: { notes },
    };
  }

  async close(): Promise<void> {}

  private async readUj(file: string): Promise<number> {
    const value = Number((await this.readText(file)).trim());
    if (!Number.isFinite(value)) throw Object.assign(new Error(`${file}: not a number`), { code: 'EINVAL' });
    return value;
  }
}

/**
 * The energy between two reads of a counter that wraps to 0 after `maxUj` (assumes at most one
 * wrap per window: at 200 W a 262 kJ range wraps every ~22 minutes).
 */
export function counterDelta(
  startUj: number,
  endUj: number,
  maxUj: number,
): { deltaUj: number; wrapped: boolean } {
  if (endUj >= startUj) return { deltaUj: endUj - startUj, wrapped: false };
  if (!Number.isFinite(maxUj)) return { deltaUj: 0, wrapped: true };
  return { deltaUj: maxUj - startUj + endUj, wrapped: true };
}
