/** Regression errors over all target values of all samples. Pure; optional bootstrap `weights` per sample. */

/** Mean absolute error and root mean squared error; `width` target values per sample. */
export function regressionErrors(
  predictions: ArrayLike<number>,
  targets: ArrayLike<number>,
  width: number,
  weights?: ArrayLike<number>,
): { mae: number; rmse: number } {
  let abs = 0;
  let squared = 0;
  let total = 0;
  const count = targets.length / width;
  for (let n = 0; n < count; n++) {
    const w = weights ? weights[n] : 1;
    if (w === 0) continue;
    for (let j = n * width; j < (n + 1) * width; j++) {
      const error = predictions[j] - targets[j];
      abs += w * Math.abs(error);
      squared += w * error * error;
    }
    total += w * width;
  }
  return { mae: abs / total, rmse: Math.sqrt(squared / total) };
}
