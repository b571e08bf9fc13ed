/**
 * Human number formatting for the Markdown report: three significant digits, SI prefixes
 * (k/M/G) for counts, binary prefixes for bytes, scaled units for time, energy and mass.
 * `−` (U+2212) is the minus sign so negative deltas line up with positive ones in tables.
 */

const MINUS = '\u2212';

/** `x` with three significant digits and no exponent: 0.0123, 1.23, 123, 1230 → "1230". */
export function sig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const rounded = Number(x.toPrecision(digits));
  const text = Math.abs(rounded) >= 1e21 ? rounded.toExponential(digits - 1) : String(rounded);
  return text.replace('-', MINUS);
}

/** Scales `x` by the largest prefix it reaches, e.g. 12_300_000 → "12.3M". */
function scaled(x: number, steps: readonly [number, string][], sep = ''): string {
  const abs = Math.abs(x);
  for (const [factor, suffix] of steps) {
    if (abs >= factor * 0.9995) return `${sig(x / factor)}${sep}${suffix}`;
  }
  const [factor, suffix] = steps[steps.length - 1];
  return `${sig(x / factor)}${sep}${suffix}`;
}

/** Counts (parameters, MACs): 950, 1.23k, 45.6M, 7.89G, 1.2T. */
export function count(x: number): string {
  if (Math.abs(x) < 1000) return sig(x);
  return scaled(x, [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ]);
}

/** Bytes with binary prefixes: 512 B, 4.2 KiB, 13.4 MiB, 1.1 GiB. */
export function bytes(x: number): string {
  if (Math.abs(x) < 1024) return `${sig(x)} B`;
  return scaled(
    x,
    [
      [1024 ** 3, 'GiB'],
      [1024 ** 2, 'MiB'],
      [1024, 'KiB'],
    ],
    ' ',
  );
}

/** Milliseconds: 0.0123 ms → "12.3 µs", 4.56 ms, 1.23 s. */
export function durationMs(ms: number): string {
  return scaled(
    ms,
    [
      [1000, 's'],
      [1, 'ms'],
      [1e-3, 'µs'],
      [1e-6, 'ns'],
    ],
    ' ',
  );
}

/** Joules: 1.23 kJ, 4.56 J, 7.89 mJ, 12.3 µJ. */
export function energyJ(j: number): string {
  return scaled(
    j,
    [
      [1e6, 'MJ'],
      [1e3, 'kJ'],
      [1, 'J'],
      [1e-3, 'mJ'],
      [1e-6, 'µJ'],
      [1e-9, 'nJ'],
    ],
    ' ',
  );
}

/** Grams of CO2e: 1.2 t, 3.4 kg, 5.6 g, 7.8 mg, 9 µg. */
export function massG(g: number): string {
  return scaled(
    g,
    [
      [1e6, 't'],
      [1e3, 'kg'],
      [1, 'g'],
      [1e-3, 'mg'],
      [1e-6, 'µg'],
    ],
    ' ',
  );
}

/** Watts: 250 W, 1.2 kW, 45 mW. */
export function powerW(w: number): string {
  return scaled(
    w,
    [
      [1e3, 'kW'],
      [1, 'W'],
      [1e-3, 'mW'],
    ],
    ' ',
  );
}

/** Per-second rates: 1.23k/s. */
export function rate(perS: number): string {
  return `${count(perS)}/s`;
}

/** A fraction as a signed percentage: −0.412 → "−41.2%", 0.05 → "+5%". */
export function signedPct(fraction: number): string {
  const text = sig(fraction * 100);
  return `${fraction > 0 ? '+' : ''}${text}%`;
}

/** A fraction as an unsigned percentage with up to 3 significant digits: 0.412 → "41.2%". */
export function pct(fraction: number): string {
  return `${sig(fraction * 100)}%`;
}

/** Whole-number percentage for headlines: 0.4123 → "41%" (one decimal below 10%). */
export function roundPct(fraction: number): string {
  const p = fraction * 100;
  const text = Math.abs(p) < 10 ? String(Math.round(p * 10) / 10) : String(Math.round(p));
  return `${text.replace('-', MINUS)}%`;
}

/** A money amount: "0.12 USD". */
export function money(x: number, currency: string): string {
  return `${sig(x)} ${currency}`;
}
