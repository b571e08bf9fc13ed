/**
 * Energy from power samples: trapezoidal integration over a time window, with the power at
 * the window's edges interpolated linearly between the neighbouring samples (or held from the
 * nearest sample when the trace does not reach an edge).
 */

/** One power sample: time in milliseconds (any epoch, as long as the window uses the same), power in watts. */
export interface PowerSample {
  timeMs: number;
  powerW: number;
}

/** What `integrateWindow` returns. */
export interface Integration {
  /** Energy over the window in joules. */
  energyJ: number;
  /** Samples that fell strictly inside the window. */
  samples: number;
  /** True when the trace did not reach one of the window's edges and the nearest sample was held. */
  extrapolated: boolean;
}

/**
 * Integrate `samples` (sorted by time) over `[startMs, stopMs]`. Exact for piecewise-linear
 * power between samples. Returns 0 J when there are no samples at all.
 */
export function integrateWindow(
  samples: readonly PowerSample[],
  startMs: number,
  stopMs: number,
): Integration {
  if (samples.length === 0 || stopMs <= startMs)
    return { energyJ: 0, samples: 0, extrapolated: samples.length === 0 };
  const first = samples[0];
  const last = samples[samples.length - 1];
  const extrapolated = first.timeMs > startMs || last.timeMs < stopMs;
  const points: PowerSample[] = [{ timeMs: startMs, powerW: powerAt(samples, startMs) }];
  let inside = 0;
  for (const s of samples) {
    if (s.timeMs > startMs && s.timeMs < stopMs) {
      points.push(s);
      inside++;
    }
  }
  points.push({ timeMs: stopMs, powerW: powerAt(samples, stopMs) });
  return { energyJ: trapezoidJ(points), samples: inside, extrapolated };
}

/** Trapezoidal rule over sorted points; time in ms, result in joules. */
export function trapezoidJ(points: readonly PowerSample[]): number {
  let energyJ = 0;
  for (let i = 1; i < points.length; i++) {
    const dtS = (points[i].timeMs - points[i - 1].timeMs) / 1000;
    energyJ += ((points[i].powerW + points[i - 1].powerW) / 2) * dtS;
  }
  return energyJ;
}

/** Power at `timeMs`: linear between the two neighbouring samples, held beyond the ends. */
export function powerAt(samples: readonly PowerSample[], timeMs: number): number {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (timeMs <= first.timeMs) return first.powerW;
  if (timeMs >= last.timeMs) return last.powerW;
  // Binary search for the last sample at or before timeMs.
  let lo = 0;
  let hi = samples.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (samples[mid].timeMs <= timeMs) lo = mid;
    else hi = mid;
  }
  const a = samples[lo];
  const b = samples[hi];
  if (b.timeMs === a.timeMs) return b.powerW;
  return a.powerW + ((b.powerW - a.powerW) * (timeMs - a.timeMs)) / (b.timeMs - a.timeMs);
}
