/**
 * Seeded pseudo-random numbers, so bootstrap intervals and synthesized inputs are reproducible.
 * mulberry32: 32-bit state, fast, good enough for resampling and test data (not for crypto).
 */

/** A function returning uniform floats in [0, 1). */
export type Random = () => number;

/** A seeded uniform generator (mulberry32). The same seed always yields the same sequence. */
export function seededRandom(seed: number): Random {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard-normal generator (Box–Muller) drawing from `random`. */
export function normalGenerator(random: Random): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    let u = 0;
    while (u === 0) u = random();
    const v = random();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
}
