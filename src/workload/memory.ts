/**
 * Peak RSS growth per model, for CPU sessions. One process holds both sessions, so growth is
 * attributed by time: the RSS growth while a model's session is created, plus every increase
 * of RSS across a block of that model's runs (warm-up chunks and measurement windows; the first
 * runs allocate onnxruntime's arena, later ones rarely add). Decreases (garbage collection) are
 * ignored. It is an approximation of "memory this model needs", not an exact per-session figure.
 */
import type { Role } from './types.js';

export class RssTracker {
  private readonly growth: Record<Role, number> = { base: 0, pruned: 0 };
  private mark = 0;

  constructor(private readonly rss: () => number = () => process.memoryUsage.rss()) {}

  /** Call before creating a session or running a block of `role`'s inferences. */
  begin(): void {
    this.mark = this.rss();
  }

  /** Call after that block; adds any RSS increase since `begin()` to `role`. */
  end(role: Role): void {
    const delta = this.rss() - this.mark;
    if (delta > 0) this.growth[role] += delta;
  }

  /** Attributed peak RSS growth of `role`, bytes. */
  peak(role: Role): number {
    return this.growth[role];
  }
}
