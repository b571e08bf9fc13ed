/** Sample weights (the paired bootstrap resamples by weighting) and the match rate both accuracies share. Pure. */

/** Weight of sample `n`: 1 without weights. */
export const weightOf = (weights: ArrayLike<number> | undefined, n: number): number =>
  weights ? weights[n] : 1;

/** Weighted share of samples whose prediction equals the label. NaN on zero total weight. */
export function matchRate(
  predictions: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  let hit = 0;
  let total = 0;
  for (let n = 0; n < labels.length; n++) {
    const w = weightOf(weights, n);
    total += w;
    if (predictions[n] === labels[n]) hit += w;
  }
  return hit / total;
}
