/** Carbon saved against accuracy lost, for the report headline. Pure. */

export interface TradeOff {
  /** g CO2e saved per 1M inferences per percentage point lost; null when no accuracy was lost. */
  gPer1MPerPoint: number | null;
  /** One phrase for the headline. */
  text: string;
}

/**
 * `co2eSavedGPer1M`: BASE − PRUNED grams CO2e per 1M inferences; `dropPp`: accuracy drop in
 * percentage points (positive = PRUNED worse). A drop ≤ 0 reads "no accuracy lost".
 */
export function carbonPerAccuracyPoint(
  co2eSavedGPer1M: number,
  dropPp: number,
  metric = 'accuracy',
): TradeOff {
  if (!Number.isFinite(dropPp) || dropPp <= 0) {
    return { gPer1MPerPoint: null, text: `no ${metric} lost` };
  }
  const value = co2eSavedGPer1M / dropPp;
  const grams = Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
  return {
    gPer1MPerPoint: value,
    text: `${grams} g CO2e saved per 1M inferences per ${metric} point lost`,
  };
}
