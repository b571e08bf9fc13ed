/**
 * Per-inference energy from measured windows: total, idle power, and active (idle-subtracted)
 * energy, with the method of every domain. Pure.
 *
 * Several meters may measure one domain (NVML and nvidia-smi both see `gpu:0`); the preferred
 * one counts and the others are reported as a cross-check. A `system` domain (an external wall
 * meter) already contains every component, so when present it alone is the total.
 */
import type { EnergyMethod, EnergyReading, MeasuredWindow } from './types.js';

/** Meters in order of preference for a domain several of them measure. */
const PREFERENCE = ['nvml', 'rapl', 'nvidia-smi', 'external', 'estimate'];

export interface EnergySummary {
  /** Total energy per inference in joules (Σ window energy / Σ inferences). */
  perInference: number;
  /** Idle-subtracted energy per inference in joules, clamped at ≥ 0. */
  activePerInference: number;
  /** `estimated` when any domain in the total is estimated. */
  method: EnergyMethod;
  methodByDomain: Record<string, EnergyMethod>;
  /** Joules per inference by domain (total, not idle-subtracted). */
  byDomain: Record<string, number>;
  /** Which meter each domain was taken from. */
  meterByDomain: Record<string, string>;
  /** Mean power over the windows in watts (total of the counted domains). */
  meanPowerW: number;
  /** Idle power by domain in watts, from the idle window (empty without one). */
  idlePowerW: Record<string, number>;
  /** Total joules per inference of each window, for the ratio statistics. */
  perWindowJPerInference: number[];
  /** Active joules per inference of each window. */
  perWindowActiveJPerInference: number[];
  /** Domains summed into the total. */
  countedDomains: string[];
  notes: string[];
}

/**
 * Joules per domain over the readings of one span (several meters), each domain from its preferred
 * meter (PREFERENCE; unknown meters after, in the order given), as the summary counts it.
 */
export function readingsEnergyByDomain(readings: readonly EnergyReading[]): Record<string, number> {
  return Object.fromEntries([...domainsOf(readings)].map(([domain, v]) => [domain, v.energyJ]));
}

/** Joules per domain of one window, each domain from its preferred meter (as the summary counts it). */
export function windowEnergyByDomain(window: MeasuredWindow): Record<string, number> {
  return readingsEnergyByDomain(window.readings);
}

/** Per domain: joules, method and meter, choosing the preferred meter. */
function domainsOf(
  readings: readonly EnergyReading[],
): Map<string, { energyJ: number; method: EnergyMethod; meterId: string }> {
  const rank = (id: string) => (PREFERENCE.includes(id) ? PREFERENCE.indexOf(id) : PREFERENCE.length);
  const out = new Map<string, { energyJ: number; method: EnergyMethod; meterId: string }>();
  for (const reading of [...readings].sort((a, b) => rank(a.meterId) - rank(b.meterId))) {
    for (const [domain, energyJ] of Object.entries(reading.energyJ)) {
      if (!out.has(domain) && Number.isFinite(energyJ))
        out.set(domain, { energyJ, method: reading.method, meterId: reading.meterId });
    }
  }
  return out;
}

/**
 * Summarise the windows of one model (`role`), idle-correcting with the idle window when given.
 * Throws when there is no window of that role with inferences (a harness bug, not user input).
 */
export function summarizeEnergy(
  windows: MeasuredWindow[],
  idle: MeasuredWindow | null,
  role: 'base' | 'pruned',
): EnergySummary {
  const mine = windows.filter((w) => w.role === role && w.inferences > 0);
  if (mine.length === 0) throw new Error(`summarizeEnergy: no ${role} windows with inferences`);
  const notes: string[] = [];
  const perWindow = mine.map((w) => domainsOf(w.readings));
  const allDomains = [...new Set(perWindow.flatMap((m) => [...m.keys()]))].sort();
  const counted = allDomains.includes('system') ? ['system'] : allDomains;
  if (counted.length === 1 && counted[0] === 'system' && allDomains.length > 1) {
    notes.push(
      `total from the external meter (system); ${allDomains.filter((d) => d !== 'system').join(', ')} shown for reference only`,
    );
  }

  const idleDomains = idle && idle.durationS > 0 ? domainsOf(idle.readings) : new Map();
  const idlePowerW: Record<string, number> = {};
  for (const [domain, v] of idleDomains) idlePowerW[domain] = v.energyJ / idle!.durationS;
  if (!idle) notes.push('no idle window: active energy equals total energy');
  else
    for (const d of counted)
      if (!(d in idlePowerW))
        notes.push(`idle window has no reading for ${d}; its idle power is taken as 0 W`);

  const inferences = mine.reduce((a, w) => a + w.inferences, 0);
  const durationS = mine.reduce((a, w) => a + w.durationS, 0);
  const byDomain: Record<string, number> = {};
  const methodByDomain: Record<string, EnergyMethod> = {};
  const meterByDomain: Record<string, string> = {};
  for (const d of allDomains) {
    byDomain[d] = perWindow.reduce((a, m) => a + (m.get(d)?.energyJ ?? 0), 0) / inferences;
    const entries = perWindow.map((m) => m.get(d)).filter((e) => e !== undefined);
    methodByDomain[d] = entries.some((e) => e.method === 'estimated') ? 'estimated' : 'measured';
    meterByDomain[d] = [...new Set(entries.map((e) => e.meterId))].join('+');
    if (entries.length < perWindow.length)
      notes.push(`${d} is missing from ${perWindow.length - entries.length} window(s)`);
  }

  const idleW = counted.reduce((a, d) => a + (idlePowerW[d] ?? 0), 0);
  const windowJ = perWindow.map((m) => counted.reduce((a, d) => a + (m.get(d)?.energyJ ?? 0), 0));
  const totalJ = windowJ.reduce((a, b) => a + b, 0);
  const rawActiveJ = totalJ - idleW * durationS;
  if (rawActiveJ < 0)
    notes.push(
      `active energy clamped at 0 (idle power ${idleW.toFixed(2)} W exceeds the windows' mean power)`,
    );
  const perWindowActive = mine.map((w, i) => Math.max(0, windowJ[i] - idleW * w.durationS) / w.inferences);

  notes.push(...crossCheck([...mine]));
  const method: EnergyMethod = counted.some((d) => methodByDomain[d] === 'estimated')
    ? 'estimated'
    : 'measured';
  return {
    perInference: totalJ / inferences,
    activePerInference: Math.max(0, rawActiveJ) / inferences,
    method,
    methodByDomain,
    byDomain,
    meterByDomain,
    meanPowerW: durationS > 0 ? totalJ / durationS : 0,
    idlePowerW,
    perWindowJPerInference: mine.map((w, i) => windowJ[i] / w.inferences),
    perWindowActiveJPerInference: perWindowActive,
    countedDomains: counted,
    notes,
  };
}

/** Disagreement between meters that measured the same domain, summed over the windows. */
export function crossCheck(windows: MeasuredWindow[]): string[] {
  const sums = new Map<string, Map<string, number>>();
  for (const w of windows) {
    for (const r of w.readings) {
      for (const [domain, j] of Object.entries(r.energyJ)) {
        const byMeter = sums.get(domain) ?? new Map<string, number>();
        byMeter.set(r.meterId, (byMeter.get(r.meterId) ?? 0) + j);
        sums.set(domain, byMeter);
      }
    }
  }
  const notes: string[] = [];
  const rank = (id: string) => (PREFERENCE.includes(id) ? PREFERENCE.indexOf(id) : PREFERENCE.length);
  for (const [domain, byMeter] of sums) {
    if (byMeter.size < 2) continue;
    const [primary, ...others] = [...byMeter.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
    for (const [meter, j] of others) {
      const pct = primary[1] > 0 ? ((j - primary[1]) / primary[1]) * 100 : 0;
      notes.push(
        `cross-check ${domain}: ${meter} ${j.toFixed(2)} J vs ${primary[0]} ${primary[1].toFixed(2)} J (${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %)`,
      );
    }
  }
  return notes;
}
