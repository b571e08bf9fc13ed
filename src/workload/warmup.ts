/**
 * Warm-up: both models alternately, in chunks, until each one's chunk median latency settles
 * (within 5% of the previous chunk) or the iteration cap is reached. Both models run the same
 * number of warm-up iterations.
 */
import { median } from '../stats/summary.js';
import type { Role } from './types.js';

const CHUNK = 10;
const STABLE_WITHIN = 0.05;

/** Returns the warm-up iterations run per model. */
export async function warmUp(
  run: (role: Role) => Promise<unknown>,
  maxIterations: number,
  clock: () => bigint,
): Promise<number> {
  const previous: Record<Role, number> = { base: Number.NaN, pruned: Number.NaN };
  let done = 0;
  while (done < maxIterations) {
    const chunk = Math.min(CHUNK, maxIterations - done);
    let stable = true;
    for (const role of ['base', 'pruned'] as const) {
      const times: number[] = [];
      for (let i = 0; i < chunk; i++) {
        const t0 = clock();
        await run(role);
        times.push(Number(clock() - t0));
      }
      const m = median(times);
      if (!(Math.abs(m / previous[role] - 1) < STABLE_WITHIN)) stable = false;
      previous[role] = m;
    }
    done += chunk;
    if (stable) break;
  }
  return done;
}
