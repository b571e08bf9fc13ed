/**
 * Pruning helpers: magnitude masks (unstructured) and channel selection/slicing (structured).
 * Ties are broken by index so the result never depends on sort stability.
 */
import type { Layer } from './cnn.js';

/** Indices of the `keep` largest scores, returned in ascending index order. */
export function topIndices(scores: ArrayLike<number>, keep: number): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  return order.slice(0, keep).sort((a, b) => a - b);
}

/** A 0/1 mask that zeroes the `sparsity` share of `values` with the smallest magnitude. */
export function magnitudeMask(values: ArrayLike<number>, sparsity: number): Uint8Array {
  const keep = values.length - Math.round(values.length * sparsity);
  const mask = new Uint8Array(values.length);
  for (const i of topIndices(Array.from(values, Math.abs), keep)) mask[i] = 1;
  return mask;
}

export function applyMask(values: Float32Array, mask: Uint8Array): Float32Array {
  return values.map((v, i) => (mask[i] ? v : 0));
}

/** L1 norm of each output channel's weights. */
export function outputL1(layer: Layer): Float64Array {
  const per = layer.w.length / layer.out;
  const norms = new Float64Array(layer.out);
  for (let o = 0; o < layer.out; o++)
    for (let k = 0; k < per; k++) norms[o] += Math.abs(layer.w[o * per + k]);
  return norms;
}

/** Keep output channels `outs` and input channels `ins` of a layer with `kernel` weights per pair. */
export function sliceLayer(layer: Layer, outs: number[], ins: number[], kernel: number): Layer {
  const w = new Float32Array(outs.length * ins.length * kernel);
  outs.forEach((o, oi) => {
    ins.forEach((i, ii) => {
      for (let k = 0; k < kernel; k++)
        w[(oi * ins.length + ii) * kernel + k] = layer.w[(o * layer.in + i) * kernel + k];
    });
  });
  return { w, b: Float32Array.from(outs, (o) => layer.b[o]), out: outs.length, in: ins.length };
}
