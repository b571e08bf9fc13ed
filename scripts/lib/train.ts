/**
 * A tiny, deterministic trainer for the classifier head: softmax regression on standardized
 * features, full-batch Adam with L2, fixed operation order (no threads, no shuffling), optionally
 * with a 0/1 mask that keeps pruned weights at exactly zero. The standardization is folded into
 * the returned weights, so the head applies directly to the raw pooled features.
 */
export interface Head {
  /** [classes, dim] row-major. */
  w: Float64Array;
  b: Float64Array;
}

/** A trained head: `w`/`b` apply to raw features; `standardized` to standardized ones. */
export interface TrainedHead extends Head {
  standardized: Head;
}

export interface TrainOptions {
  classes: number;
  steps: number;
  learningRate: number;
  l2: number;
  /** [classes, dim]: 0 keeps the weight at zero. */
  mask?: Uint8Array;
  /** Start from this head (standardized-feature space) instead of zeros: a fine-tune. */
  init?: Head;
}

/** Column means and standard deviations of `rows`. */
function standardize(rows: Float64Array[]): { mean: Float64Array; std: Float64Array } {
  const dim = rows[0].length;
  const mean = new Float64Array(dim);
  const std = new Float64Array(dim);
  for (const row of rows) for (let j = 0; j < dim; j++) mean[j] += row[j] / rows.length;
  for (const row of rows) for (let j = 0; j < dim; j++) std[j] += (row[j] - mean[j]) ** 2 / rows.length;
  for (let j = 0; j < dim; j++) std[j] = Math.sqrt(std[j]) + 1e-6;
  return { mean, std };
}

/** Logits of one feature row. */
export function headLogits(head: Head, row: Float64Array): Float64Array {
  const classes = head.b.length;
  const dim = row.length;
  const out = new Float64Array(classes);
  for (let k = 0; k < classes; k++) {
    let sum = head.b[k];
    for (let j = 0; j < dim; j++) sum += head.w[k * dim + j] * row[j];
    out[k] = sum;
  }
  return out;
}

export function trainHead(rows: Float64Array[], labels: Int32Array, options: TrainOptions): TrainedHead {
  const { classes, steps, learningRate, l2, mask, init } = options;
  const dim = rows[0].length;
  const { mean, std } = standardize(rows);
  const x = rows.map((row) => row.map((v, j) => (v - mean[j]) / std[j]));
  const head: Head = { w: new Float64Array(classes * dim), b: new Float64Array(classes) };
  if (init) {
    head.w.set(init.w);
    head.b.set(init.b);
  }
  const params = [head.w, head.b];
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let step = 1; step <= steps; step++) {
    const gw = new Float64Array(classes * dim);
    const gb = new Float64Array(classes);
    for (let n = 0; n < x.length; n++) {
      const logits = headLogits(head, x[n]);
      let max = -Infinity;
      for (const z of logits) max = Math.max(max, z);
      let total = 0;
      for (let k = 0; k < classes; k++) total += Math.exp(logits[k] - max);
      for (let k = 0; k < classes; k++) {
        const g = (Math.exp(logits[k] - max) / total - (k === labels[n] ? 1 : 0)) / x.length;
        gb[k] += g;
        for (let j = 0; j < dim; j++) gw[k * dim + j] += g * x[n][j];
      }
    }
    for (let i = 0; i < gw.length; i++) gw[i] += l2 * head.w[i];
    if (mask) for (let i = 0; i < gw.length; i++) if (!mask[i]) gw[i] = 0;
    [gw, gb].forEach((grad, p) => {
      for (let i = 0; i < grad.length; i++) {
        m[p][i] = beta1 * m[p][i] + (1 - beta1) * grad[i];
        v[p][i] = beta2 * v[p][i] + (1 - beta2) * grad[i] * grad[i];
        const mHat = m[p][i] / (1 - beta1 ** step);
        const vHat = v[p][i] / (1 - beta2 ** step);
        params[p][i] -= (learningRate * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
    });
    if (mask) for (let i = 0; i < head.w.length; i++) if (!mask[i]) head.w[i] = 0;
  }
  // Fold the standardization into the weights: w' = w/σ, b' = b − Σ w·μ/σ.
  const folded: TrainedHead = {
    w: new Float64Array(classes * dim),
    b: Float64Array.from(head.b),
    standardized: head,
  };
  for (let k = 0; k < classes; k++) {
    for (let j = 0; j < dim; j++) {
      folded.w[k * dim + j] = head.w[k * dim + j] / std[j];
      folded.b[k] -= (head.w[k * dim + j] * mean[j]) / std[j];
    }
  }
  return folded;
}

/** Share of rows whose arg-max logit equals the label. */
export function headAccuracy(head: Head, rows: Float64Array[], labels: Int32Array): number {
  let correct = 0;
  rows.forEach((row, n) => {
    const logits = headLogits(head, row);
    let best = 0;
    for (let k = 1; k < logits.length; k++) if (logits[k] > logits[best]) best = k;
    if (best === labels[n]) correct++;
  });
  return correct / rows.length;
}
