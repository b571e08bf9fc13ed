/**
 * Convolutions and pooling.
 *
 * Conv MACs = N · Cout · ∏out_spatial · (Cin/groups) · ∏kernel, products with zero padding
 * included, bias adds excluded (the convention of torchvision's published figures and of the
 * reference fixtures). Each weight is applied at every output position, so sparse MACs are
 * `N·∏out·nnz(W)`: the weight term scales by nonzero/total.
 * ConvTranspose MACs = N · Cin · ∏in_spatial · (Cout/groups) · ∏kernel (every input pixel
 * is scattered through the whole kernel).
 */
import { macs, flopsOnly, numel, shapeOf, ShapeError, type OpContext, type OpRule } from './common.js';

interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Begin pads then end pads, one per spatial dim each. */
  pads: number[];
  autoPad: string;
}

function windowOf(ctx: OpContext, spatialRank: number, kernel: number[]): Window {
  const ones = new Array(spatialRank).fill(1);
  return {
    kernel,
    strides: ctx.attrs.ints('strides') ?? ones,
    dilations: ctx.attrs.ints('dilations') ?? ones,
    pads: ctx.attrs.ints('pads') ?? new Array(2 * spatialRank).fill(0),
    autoPad: ctx.attrs.string('auto_pad', 'NOTSET'),
  };
}

/** Output spatial dims of a sliding window (Conv and pooling). */
export function slidingOut(input: number[], w: Window, ceilMode = false): number[] {
  return input.map((size, i) => {
    const k = (w.kernel[i] - 1) * w.dilations[i] + 1;
    const s = w.strides[i];
    if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') return Math.ceil(size / s);
    if (w.autoPad === 'VALID') return Math.floor((size - k) / s) + 1;
    const padded = size + w.pads[i] + w.pads[i + input.length];
    let out = (ceilMode ? Math.ceil : Math.floor)((padded - k) / s) + 1;
    // A last window starting inside the end padding is dropped (as onnxruntime does).
    if (ceilMode && (out - 1) * s >= size + w.pads[i]) out--;
    if (out <= 0) throw new ShapeError(`kernel ${w.kernel[i]} does not fit input size ${size}`);
    return out;
  });
}

function convRule(dataIndex: number, weightIndex: number): OpRule {
  return {
    infer(ctx) {
      const x = shapeOf(ctx, dataIndex);
      const w = shapeOf(ctx, weightIndex);
      const spatial = x.slice(2);
      const kernel = ctx.attrs.ints('kernel_shape') ?? w.slice(2);
      const out = slidingOut(spatial, windowOf(ctx, spatial.length, kernel));
      const dtype = ctx.node.opType === 'ConvInteger' ? 6 : ctx.inputs[dataIndex]!.dtype;
      return [{ shape: [x[0], w[0], ...out], dtype }];
    },
    cost(ctx, [y]) {
      const w = shapeOf(ctx, weightIndex);
      return macs(numel(y.shape!) * numel(w.slice(1)), weightIndex);
    },
  };
}

const convTranspose: OpRule = {
  infer(ctx) {
    const x = shapeOf(ctx, 0);
    const w = shapeOf(ctx, 1);
    const group = ctx.attrs.int('group', 1);
    const spatial = x.slice(2);
    const kernel = ctx.attrs.ints('kernel_shape') ?? w.slice(2);
    const win = windowOf(ctx, spatial.length, kernel);
    const outPad = ctx.attrs.ints('output_padding') ?? spatial.map(() => 0);
    let out = ctx.attrs.ints('output_shape');
    if (out && out.length > spatial.length) out = out.slice(2);
    out ??= spatial.map((size, i) => {
      if (win.autoPad === 'SAME_UPPER' || win.autoPad === 'SAME_LOWER') return size * win.strides[i];
      const k = (kernel[i] - 1) * win.dilations[i] + 1;
      return win.strides[i] * (size - 1) + outPad[i] + k - win.pads[i] - win.pads[i + spatial.length];
    });
    return [{ shape: [x[0], w[1] * group, ...out], dtype: ctx.inputs[0]!.dtype }];
  },
  cost(ctx) {
    const x = shapeOf(ctx, 0);
    const w = shapeOf(ctx, 1);
    return macs(numel(x) * numel(w.slice(1)), 1);
  },
};

function poolRule(global: boolean): OpRule {
  return {
    infer(ctx) {
      const x = shapeOf(ctx, 0);
      const spatial = x.slice(2);
      const out = global
        ? spatial.map(() => 1)
        : slidingOut(
            spatial,
            windowOf(ctx, spatial.length, ctx.attrs.ints('kernel_shape') ?? []),
            ctx.attrs.int('ceil_mode', 0) === 1,
          );
      const shape = [x[0], x[1], ...out];
      return [
        { shape, dtype: ctx.inputs[0]!.dtype },
        { shape, dtype: 7 },
      ];
    },
    /** One comparison or addition per window element. */
    cost(ctx, [y]) {
      if (global) return flopsOnly(numel(shapeOf(ctx, 0)));
      return flopsOnly(numel(y.shape!) * numel(ctx.attrs.ints('kernel_shape') ?? []));
    },
  };
}

export const convRules: Record<string, OpRule> = {
  Conv: convRule(0, 1),
  FusedConv: convRule(0, 1), // com.microsoft: Conv + activation
  ConvInteger: convRule(0, 1),
  QLinearConv: convRule(0, 3),
  ConvTranspose: convTranspose,
  MaxPool: poolRule(false),
  AveragePool: poolRule(false),
  LpPool: poolRule(false),
  GlobalAveragePool: poolRule(true),
  GlobalMaxPool: poolRule(true),
  GlobalLpPool: poolRule(true),
};
