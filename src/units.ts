/** Unit constants. Each cites where it comes from. */

/** Joules in one kilowatt-hour (1 kW × 3600 s). SI definition. */
export const J_PER_KWH = 3_600_000;
/** Grams in one kilogram / tonne. SI. */
export const G_PER_KG = 1_000;
export const G_PER_TONNE = 1_000_000;
/** Inferences in "per 1M inferences" figures. */
export const PER_MILLION = 1_000_000;
/** Nanoseconds per millisecond / second (process.hrtime.bigint() is in ns). */
export const NS_PER_MS = 1e6;
export const NS_PER_S = 1e9;
/** Bytes per MiB. */
export const BYTES_PER_MIB = 1024 * 1024;

/** Energy in joules → kWh. */
export function joulesToKWh(energyJ: number): number {
  return energyJ / J_PER_KWH;
}
