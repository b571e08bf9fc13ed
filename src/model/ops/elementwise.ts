/**
 * Element-wise ops: output shape is the broadcast of the inputs; one FLOP per output element on
 * floating-point data (DESIGN.md). Small integer tensors are folded, because exporters compute
 * Reshape targets with Add/Mul/Div/Where/Equal on shapes.
 */
import { isFloatType } from '../dtypes.js';
import { DataType } from '../onnx-proto.js';
import {
  broadcast,
  flopsOnly,
  numel,
  shapeOf,
  ShapeError,
  type OpContext,
  type OpRule,
  type TensorInfo,
} from './common.js';

const MAX_FOLD = 4096;

type Fn = (...xs: number[]) => number;

const UNARY_MATH: Record<string, Fn | undefined> = {
  Relu: (x) => Math.max(0, x),
  Neg: (x) => -x,
  Abs: Math.abs,
  Floor: Math.floor,
  Ceil: Math.ceil,
  Round: Math.round,
  Sqrt: Math.sqrt,
  Exp: Math.exp,
  Log: Math.log,
  Reciprocal: (x) => 1 / x,
  Sign: Math.sign,
  Sigmoid: undefined,
  Tanh: undefined,
  Erf: undefined,
  Gelu: undefined,
  LeakyRelu: undefined,
  Elu: undefined,
  Selu: undefined,
  Celu: undefined,
  HardSigmoid: undefined,
  HardSwish: undefined,
  Softplus: undefined,
  Softsign: undefined,
  Mish: undefined,
  Sin: undefined,
  Cos: undefined,
  Tan: undefined,
  Asin: undefined,
  Acos: undefined,
  Atan: undefined,
  Sinh: undefined,
  Cosh: undefined,
  ThresholdedRelu: undefined,
  Shrink: undefined,
  IsNaN: undefined,
  IsInf: undefined,
  Clip: undefined,
  Not: (x) => (x ? 0 : 1),
  // com.microsoft activations exported by transformer optimizers.
  FastGelu: undefined,
  QuickGelu: undefined,
  BiasGelu: undefined,
};

const BINARY: Record<string, Fn | undefined> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b) => a / b,
  Pow: (a, b) => a ** b,
  Mod: (a, b) => a % b,
  Max: Math.max,
  Min: Math.min,
  Sum: (a, b) => a + b,
  Mean: undefined,
  Equal: (a, b) => (a === b ? 1 : 0),
  Less: (a, b) => (a < b ? 1 : 0),
  Greater: (a, b) => (a > b ? 1 : 0),
  LessOrEqual: (a, b) => (a <= b ? 1 : 0),
  GreaterOrEqual: (a, b) => (a >= b ? 1 : 0),
  And: (a, b) => (a && b ? 1 : 0),
  Or: (a, b) => (a || b ? 1 : 0),
  Xor: (a, b) => (!a !== !b ? 1 : 0),
  PRelu: undefined,
  BitShift: undefined,
  BitwiseAnd: undefined,
  BitwiseOr: undefined,
};

const COMPARE = new Set([
  'Equal',
  'Less',
  'Greater',
  'LessOrEqual',
  'GreaterOrEqual',
  'And',
  'Or',
  'Xor',
  'Not',
  'IsNaN',
  'IsInf',
]);

const isIntType = (dtype: number) => !isFloatType(dtype) && dtype !== DataType.BOOL;

/** Fold `fn` over broadcast inputs when all are small constants. */
function fold(
  inputs: TensorInfo[],
  shape: number[],
  dtype: number,
  fn: Fn | undefined,
): number[] | undefined {
  if (!fn || numel(shape) > MAX_FOLD || inputs.some((t) => !t.value || !t.shape)) return undefined;
  const out: number[] = [];
  const rank = shape.length;
  const strides = inputs.map((t) => {
    const s = t.shape as number[];
    const st: number[] = new Array(rank).fill(0);
    let acc = 1;
    for (let i = s.length - 1; i >= 0; i--) {
      if (s[i] !== 1) st[rank - s.length + i] = acc;
      acc *= s[i];
    }
    return st;
  });
  const idx = new Array(rank).fill(0);
  for (let k = 0; k < numel(shape); k++) {
    const args = inputs.map(
      (t, j) => (t.value as number[])[idx.reduce((a, d, i) => a + d * strides[j][i], 0)],
    );
    let v = args.length === 1 ? fn(args[0]) : fn.length >= 3 ? fn(...args) : args.reduce((a, b) => fn(a, b));
    if (isIntType(dtype)) v = Math.trunc(v);
    out.push(v);
    for (let i = rank - 1; i >= 0; i--) {
      if (++idx[i] < shape[i]) break;
      idx[i] = 0;
    }
  }
  return out;
}

function present(ctx: OpContext): TensorInfo[] {
  return ctx.inputs.filter((t): t is TensorInfo => t !== undefined);
}

function elementwise(fn: Fn | undefined, outType?: (ctx: OpContext) => number): OpRule {
  return {
    infer(ctx) {
      const ins = present(ctx);
      // Clip's min/max and the like are scalars: only the data input decides the shape.
      const shaping = ctx.node.opType === 'Clip' ? [ins[0]] : ins;
      const shape = broadcast(...shaping.map((_, i) => shapeOf(ctx, ctx.inputs.indexOf(shaping[i]))));
      const dtype = outType ? outType(ctx) : ins[0].dtype;
      return [{ shape, dtype, value: fold(shaping, shape, dtype, fn) }];
    },
    cost(ctx, [out]) {
      const float = present(ctx).some((t) => isFloatType(t.dtype));
      const n = numel(out.shape as number[]);
      const ops =
        ctx.node.opType === 'Sum' || ctx.node.opType === 'Mean' ? Math.max(1, present(ctx).length - 1) : 1;
      return flopsOnly(float ? n * ops : 0);
    },
  };
}

const bool = () => DataType.BOOL;

export const elementwiseRules: Record<string, OpRule> = {};
for (const [op, fn] of Object.entries(UNARY_MATH))
  elementwiseRules[op] = elementwise(fn, COMPARE.has(op) ? bool : undefined);
for (const [op, fn] of Object.entries(BINARY))
  elementwiseRules[op] = elementwise(fn, COMPARE.has(op) ? bool : undefined);

/** Data movement: same shape, no FLOPs (values pass through). */
const passThrough: OpRule = {
  infer(ctx) {
    const x = ctx.inputs[0];
    if (!x) throw new ShapeError(`${ctx.node.opType} has no input`);
    return [
      { ...x },
      ...(ctx.node.output ?? []).slice(1).map(() => ({ shape: x.shape, dtype: DataType.BOOL })),
    ];
  },
};

export const movementRules: Record<string, OpRule> = {
  Identity: passThrough,
  Dropout: passThrough,
  Cast: {
    infer(ctx) {
      const x = ctx.inputs[0];
      if (!x) throw new ShapeError('Cast has no input');
      const to = ctx.attrs.int('to', x.dtype);
      const value = x.value && isIntType(to) ? x.value.map(Math.trunc) : x.value;
      return [{ shape: x.shape, dtype: to, value }];
    },
  },
  CastLike: {
    infer(ctx) {
      const x = ctx.inputs[0];
      if (!x) throw new ShapeError('CastLike has no input');
      return [{ shape: x.shape, dtype: ctx.inputs[1]?.dtype ?? x.dtype, value: x.value }];
    },
  },
  Where: {
    infer(ctx) {
      const ins = [0, 1, 2].map((i) => ctx.inputs[i]);
      if (ins.some((t) => !t)) throw new ShapeError('Where needs three inputs');
      const all = ins as TensorInfo[];
      const shape = broadcast(...all.map((_, i) => shapeOf(ctx, i)));
      return [
        { shape, dtype: all[1].dtype, value: fold(all, shape, all[1].dtype, (c, a, b) => (c ? a : b)) },
      ];
    },
  },
};
