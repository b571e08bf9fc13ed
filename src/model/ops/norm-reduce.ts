/**
 * Normalisation, softmax, reductions, resizing and (de)quantisation: no MACs, element-wise
 * FLOPs per element with the per-op counts below (say what each counts, so they can be argued).
 */
import { DataType } from '../onnx-proto.js';
import {
  flopsOnly,
  hasInput,
  normAxis,
  numel,
  shapeOf,
  ShapeError,
  valueOf,
  type OpContext,
  type OpRule,
} from './common.js';

/** Same shape as input 0, `perElement` FLOPs per output element. */
function perElement(perElementFlops: number, extraOutputs = 0): OpRule {
  return {
    infer(ctx) {
      const x = { shape: shapeOf(ctx, 0), dtype: ctx.inputs[0]!.dtype };
      return [x, ...Array.from({ length: extraOutputs }, () => ({ ...x }))];
    },
    cost: (_ctx, [y]) => flopsOnly(perElementFlops * numel(y.shape!)),
  };
}

/** LayerNormalization: mean, subtract, square, variance sum, ×1/σ, scale, shift = 7 per element. */
const LAYER_NORM_FLOPS = 7;
/** RMS norm: square, sum, ×1/rms, scale. */
const RMS_NORM_FLOPS = 4;
/** Softmax: max, subtract, exp, sum, divide. */
const SOFTMAX_FLOPS = 5;

const layerNorm: OpRule = {
  infer(ctx) {
    const s = shapeOf(ctx, 0);
    const axis = normAxis(ctx.attrs.int('axis', -1), s.length);
    const stat = s.map((d, i) => (i < axis ? d : 1));
    const dtype = ctx.inputs[0]!.dtype;
    return [
      { shape: s, dtype },
      { shape: stat, dtype: DataType.FLOAT },
      { shape: stat, dtype: DataType.FLOAT },
    ];
  },
  cost: (_ctx, [y]) => flopsOnly(LAYER_NORM_FLOPS * numel(y.shape!)),
};

function reduceAxes(ctx: OpContext, rank: number): number[] | undefined {
  const attr = ctx.attrs.ints('axes');
  if (attr) return attr.map((a) => normAxis(a, rank));
  if (hasInput(ctx, 1)) return valueOf(ctx, 1).map((a) => normAxis(a, rank));
  return undefined;
}

const reduce: OpRule = {
  infer(ctx) {
    const s = shapeOf(ctx, 0);
    let axes = reduceAxes(ctx, s.length);
    if (!axes || axes.length === 0) axes = ctx.attrs.int('noop_with_empty_axes', 0) ? [] : s.map((_, i) => i);
    const keep = ctx.attrs.int('keepdims', 1) === 1;
    const shape = keep ? s.map((d, i) => (axes.includes(i) ? 1 : d)) : s.filter((_, i) => !axes.includes(i));
    const x = ctx.inputs[0]!;
    let value: number[] | undefined;
    // Exporters flatten with ReduceProd over a shape vector.
    if (x.value && s.length === 1 && axes.length === 1) {
      if (ctx.node.opType === 'ReduceProd') value = [x.value.reduce((a, b) => a * b, 1)];
      if (ctx.node.opType === 'ReduceSum') value = [x.value.reduce((a, b) => a + b, 0)];
    }
    return [{ shape, dtype: x.dtype, value }];
  },
  cost: (ctx) => flopsOnly(numel(shapeOf(ctx, 0))),
};

const argReduce: OpRule = {
  infer(ctx) {
    const s = shapeOf(ctx, 0);
    const axis = normAxis(ctx.attrs.int('axis', 0), s.length);
    const keep = ctx.attrs.int('keepdims', 1) === 1;
    const shape = keep ? s.map((d, i) => (i === axis ? 1 : d)) : s.filter((_, i) => i !== axis);
    return [{ shape, dtype: DataType.INT64 }];
  },
  cost: (ctx) => flopsOnly(numel(shapeOf(ctx, 0))),
};

/** Resize/Upsample: `sizes`, or floor(dim × scale). Interpolation reads 2^d (linear) or 4^d (cubic) inputs. */
const resize: OpRule = {
  infer(ctx) {
    const s = shapeOf(ctx, 0);
    const axes = ctx.attrs.ints('axes')?.map((a) => normAxis(a, s.length)) ?? s.map((_, i) => i);
    const opset9 = ctx.node.opType === 'Upsample' || ctx.opset < 11;
    const sizes = !opset9 && hasInput(ctx, 3) && ctx.inputs[3]!.shape?.[0] ? valueOf(ctx, 3) : undefined;
    const shape = [...s];
    if (sizes) {
      axes.forEach((a, i) => (shape[a] = sizes[i]));
    } else {
      const scales = ctx.attrs.floats('scales') ?? valueOf(ctx, opset9 ? 1 : 2);
      if (scales.length === 0) throw new ShapeError('Resize without scales or sizes');
      axes.forEach((a, i) => (shape[a] = Math.floor(s[a] * scales[i])));
    }
    return [{ shape, dtype: ctx.inputs[0]!.dtype }];
  },
  cost(ctx, [y]) {
    const mode = ctx.attrs.string('mode', 'nearest');
    const s = shapeOf(ctx, 0);
    const resized = y.shape!.filter((d, i) => d !== s[i]).length;
    const taps =
      mode === 'linear' || mode === 'bilinear' ? 2 ** resized : mode === 'cubic' ? 4 ** resized : 0;
    return flopsOnly(taps * numel(y.shape!));
  },
};

const quantize = (dequantize: boolean): OpRule => ({
  infer(ctx) {
    const s = shapeOf(ctx, 0);
    const dtype = dequantize
      ? ctx.inputs[1]!.dtype
      : (ctx.inputs[2]?.dtype ?? ctx.attrs.int('output_dtype', DataType.UINT8)) || DataType.UINT8;
    return [{ shape: s, dtype }];
  },
  /** (q − zp)·scale or round(x/scale)+zp: 2 per element; a weight's dequantisation is folded by runtimes. */
  cost: (ctx, [y]) => flopsOnly(ctx.inputs[0]!.constant ? 0 : 2 * numel(y.shape!)),
});

/** Output, its scale and zero point; min/max scan, then quantize: 3 per element. */
const dynamicQuantize: OpRule = {
  infer(ctx) {
    const s = shapeOf(ctx, 0);
    return [
      { shape: s, dtype: DataType.UINT8 },
      { shape: [], dtype: DataType.FLOAT },
      { shape: [], dtype: DataType.UINT8 },
    ];
  },
  cost: (_ctx, [y]) => flopsOnly(3 * numel(y.shape!)),
};

const topK: OpRule = {
  infer(ctx) {
    const s = shapeOf(ctx, 0);
    const axis = normAxis(ctx.attrs.int('axis', -1), s.length);
    const k = ctx.attrs.has('k') ? ctx.attrs.int('k', 1) : valueOf(ctx, 1)[0];
    const shape = s.map((d, i) => (i === axis ? k : d));
    return [
      { shape, dtype: ctx.inputs[0]!.dtype },
      { shape, dtype: DataType.INT64 },
    ];
  },
  cost: (ctx) => flopsOnly(numel(shapeOf(ctx, 0))),
};

/** Has a cost (unknown), so a failure is listed as unsupported rather than taken as free. */
const controlFlow: OpRule = {
  infer(ctx) {
    throw new ShapeError(
      `${ctx.node.opType} runs subgraphs whose trip count or branch is known only at run time; their MACs are not counted`,
    );
  },
  cost(ctx) {
    throw new ShapeError(`${ctx.node.opType} subgraphs are not counted`);
  },
};

export const normRules: Record<string, OpRule> = {
  BatchNormalization: perElement(2, 2), // folded to one scale and one shift per element
  InstanceNormalization: perElement(LAYER_NORM_FLOPS),
  GroupNormalization: perElement(LAYER_NORM_FLOPS),
  LayerNormalization: layerNorm,
  SimplifiedLayerNormalization: perElement(RMS_NORM_FLOPS),
  RMSNormalization: perElement(RMS_NORM_FLOPS),
  SkipLayerNormalization: perElement(LAYER_NORM_FLOPS + 2, 3),
  SkipSimplifiedLayerNormalization: perElement(RMS_NORM_FLOPS + 2, 3),
  LpNormalization: perElement(3),
  MeanVarianceNormalization: perElement(LAYER_NORM_FLOPS - 2),
  LRN: perElement(5),
  Softmax: perElement(SOFTMAX_FLOPS),
  LogSoftmax: perElement(SOFTMAX_FLOPS + 1),
  Hardmax: perElement(1),
  CumSum: perElement(1),
  ReduceMean: reduce,
  ReduceSum: reduce,
  ReduceMax: reduce,
  ReduceMin: reduce,
  ReduceProd: reduce,
  ReduceL1: reduce,
  ReduceL2: reduce,
  ReduceLogSum: reduce,
  ReduceLogSumExp: reduce,
  ReduceSumSquare: reduce,
  ArgMax: argReduce,
  ArgMin: argReduce,
  Resize: resize,
  Upsample: resize,
  QuantizeLinear: quantize(false),
  DequantizeLinear: quantize(true),
  DynamicQuantizeLinear: dynamicQuantize,
  TopK: topK,
  If: controlFlow,
  Loop: controlFlow,
  Scan: controlFlow,
};
