/**
 * One threshold check, significance-aware: a check **fails** only when the whole interval is past
 * the fail level; a point estimate past a level (with an interval that still reaches the good
 * side) is a **warning** at most. Exact figures have a zero-width interval.
 */
import type { GateCheck } from '../report/types.js';
import type { Threshold } from './types.js';

export interface Measured {
  /** Check name shown in the gate table, e.g. "energy savings". */
  name: string;
  value: number;
  /** Interval of `value`; absent for exact figures. */
  ci?: [number, number];
  /** `%`, `pp` (percentage points), `g`, ... */
  unit: string;
  /** Said after the name in messages, e.g. "(energy savings 41% ±2 → 30% ±2)". */
  context?: string;
}

function show(x: number, unit: string): string {
  const n = Number(x.toPrecision(3));
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

/** Evaluates `m` against `t`; `direction: 'min'` means values below the threshold are bad. */
export function checkThreshold(m: Measured, t: Threshold, direction: 'min' | 'max'): GateCheck {
  const [lo, hi] = m.ci ?? [m.value, m.value];
  const bad = (x: number, level: number) => (direction === 'min' ? x < level : x > level);
  const clears = (level: number) => (direction === 'min' ? hi < level : lo > level);
  const side = direction === 'min' ? 'below' : 'above';
  const value = show(m.value, m.unit);
  const name = m.context ? `${m.name} ${m.context}` : m.name;
  const interval = m.ci ? ` (interval ${show(lo, m.unit)} … ${show(hi, m.unit)})` : ' (exact)';
  const base: GateCheck = {
    name: m.name,
    status: 'pass',
    message: '',
    value: m.value,
    ...(m.ci && { ci: m.ci }),
    ...(t.warn != null && { warnAt: t.warn }),
    ...(t.fail != null && { failAt: t.fail }),
    direction,
    unit: m.unit,
  };
  if (t.fail != null && clears(t.fail)) {
    const why = m.ci ? `; the whole interval is ${side} it` : '';
    return {
      ...base,
      status: 'fail',
      message: `${name} ${value}${interval} is ${side} the fail threshold ${show(t.fail, m.unit)}${why}.`,
    };
  }
  if (t.fail != null && bad(m.value, t.fail)) {
    return {
      ...base,
      status: 'warn',
      message: `${name} ${value}${interval} is ${side} the fail threshold ${show(t.fail, m.unit)}, but the interval reaches past it: within measurement noise, so a warning only.`,
    };
  }
  if (t.warn != null && bad(m.value, t.warn)) {
    return {
      ...base,
      status: 'warn',
      message: `${name} ${value}${interval} is ${side} the warn threshold ${show(t.warn, m.unit)}.`,
    };
  }
  const level = t.warn ?? t.fail;
  return {
    ...base,
    message:
      `${name} ${value}${interval} is within the threshold ${level == null ? '' : show(level, m.unit)}.`.replace(
        ' .',
        '.',
      ),
  };
}

/** A check that could not run, with the reason. */
export function skipped(
  name: string,
  t: Threshold,
  direction: 'min' | 'max',
  unit: string,
  reason: string,
): GateCheck {
  return {
    name,
    status: 'skip',
    message: reason,
    ...(t.warn != null && { warnAt: t.warn }),
    ...(t.fail != null && { failAt: t.fail }),
    direction,
    unit,
  };
}

/** True when at least one level is set. */
export function configured(t: Threshold): boolean {
  return t.warn != null || t.fail != null;
}
