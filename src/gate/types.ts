/** Options of the release gate (see inputs.ts for the input names). */

/** Two levels of one threshold; either may be absent (check not configured at that level). */
export interface Threshold {
  warn?: number;
  fail?: number;
}

export interface GateOptions {
  /** Minimum MACs reduction, percent of BASE. */
  minMacsReductionPct: Threshold;
  /** Which MAC count the MACs check reads. Default `sparse` (skips exact-zero weights). */
  macsKind: 'dense' | 'sparse';
  /** Minimum energy savings per inference, percent of BASE. */
  minEnergySavingsPct: Threshold;
  /** Maximum p50 latency increase, percent of BASE (negative values demand a speed-up). */
  maxLatencyRegressionPct: Threshold;
  /** Maximum accuracy drop, in percentage points of the metric (0.761 → 0.752 is 0.9). */
  maxAccuracyDropPct: Threshold;
  /** Maximum CO2e of PRUNED per 1M inferences, grams. */
  maxCo2ePer1MG: Threshold;
  /** Maximum drop of the savings against the base branch's report, percentage points. */
  maxSavingsRegressionPct: Threshold;
  /** False makes the gate advisory: failures are reported, the exit code stays 0. */
  failOnRegression: boolean;
}
