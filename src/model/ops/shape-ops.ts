/**
 * Ops that compute or rearrange shapes: no arithmetic (0 FLOPs), but their output shapes (and,
 * for shape tensors, their values) must be exact for every downstream MAC count.
 */
import { DataType, toNumber } from '../onnx-proto.js';
import {
  hasInput,
  normAxis,
  numel,
  shapeOf,
  ShapeError,
  valueOf,
  broadcast,
  type OpContext,
  type OpRule,
  type TensorInfo,
} from './common.js';

const I64 = DataType.INT64;
const MAX_FOLD = 4096;

/** Axes from the attribute (older opsets) or from input `i` (newer opsets). */
function axesOf(ctx: OpContext, i: number): number[] | undefined {
  return ctx.attrs.ints('axes') ?? (hasInput(ctx, i) ? valueOf(ctx, i) : undefined);
}

function gatherValues(data: number[], dshape: number[], idx: number[], axis: number): number[] {
  const outer = numel(dshape.slice(0, axis));
  const inner = numel(dshape.slice(axis + 1));
  const out: number[] = [];
  for (let o = 0; o < outer; o++)
    for (const raw of idx) {
      const j = raw < 0 ? raw + dshape[axis] : raw;
      for (let k = 0; k < inner; k++) out.push(data[(o * dshape[axis] + j) * inner + k]);
    }
  return out;
}

/** Exporters' "0 = copy this dim, -1 = infer it" reshape targets. */
function reshapeTarget(input: number[], target: number[], allowZero: boolean): number[] {
  const out = target.map((d, i) => (d === 0 && !allowZero ? input[i] : d));
  const known = numel(out.filter((d) => d !== -1));
  const free = out.indexOf(-1);
  if (free >= 0) out[free] = known === 0 ? 0 : numel(input) / known;
  if (numel(out) !== numel(input) || out.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError(`cannot reshape [${input}] to [${target}]`);
  }
  return out;
}

function sliceDim(dim: number, start: number, end: number, step: number): [number, number, number] {
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  let s = start < 0 ? start + dim : start;
  let e = end < 0 ? end + dim : end;
  if (step > 0) {
    s = clamp(s, 0, dim);
    e = clamp(e, 0, dim);
    return [s, Math.max(0, Math.ceil((e - s) / step)), step];
  }
  s = clamp(s, -1, dim - 1);
  e = clamp(e, -1, dim - 1);
  return [s, Math.max(0, Math.ceil((e - s) / step)), step];
}

const sameAsInput: OpRule = {
  infer: (ctx) => [{ shape: shapeOf(ctx, 0), dtype: ctx.inputs[0]!.dtype }],
};

export const shapeRules: Record<string, OpRule> = {
  Constant: {
    infer(ctx) {
      const t = ctx.attrs.tensor('value');
      if (t) {
        const shape = (t.dims ?? []).map(toNumber);
        return [{ shape, dtype: t.dataType ?? 1, value: ctx.tensorValue(t) }];
      }
      const ints = ctx.attrs.ints('value_ints');
      if (ints) return [{ shape: [ints.length], dtype: I64, value: ints }];
      const floats = ctx.attrs.floats('value_floats');
      if (floats) return [{ shape: [floats.length], dtype: DataType.FLOAT, value: floats }];
      if (ctx.attrs.has('value_int'))
        return [{ shape: [], dtype: I64, value: [ctx.attrs.int('value_int', 0)] }];
      if (ctx.attrs.has('value_float'))
        return [{ shape: [], dtype: DataType.FLOAT, value: [ctx.attrs.float('value_float', 0)] }];
      throw new ShapeError('Constant without a supported value attribute');
    },
  },
  Shape: {
    infer(ctx) {
      const shape = shapeOf(ctx, 0);
      const r = shape.length;
      const start = ctx.attrs.int('start', 0);
      const end = ctx.attrs.int('end', r);
      const [s, n] = sliceDim(r, start, end, 1);
      const value = shape.slice(s, s + n);
      return [{ shape: [value.length], dtype: I64, value }];
    },
  },
  Size: { infer: (ctx) => [{ shape: [], dtype: I64, value: [numel(shapeOf(ctx, 0))] }] },
  Reshape: {
    infer(ctx) {
      const input = shapeOf(ctx, 0);
      const target = ctx.attrs.ints('shape') ?? valueOf(ctx, 1);
      const shape = reshapeTarget(input, target, ctx.attrs.int('allowzero', 0) === 1);
      return [{ shape, dtype: ctx.inputs[0]!.dtype, value: ctx.inputs[0]!.value }];
    },
  },
  Flatten: {
    infer(ctx) {
      const s = shapeOf(ctx, 0);
      let axis = ctx.attrs.int('axis', 1);
      if (axis < 0) axis += s.length;
      return [
        {
          shape: [numel(s.slice(0, axis)), numel(s.slice(axis))],
          dtype: ctx.inputs[0]!.dtype,
          value: ctx.inputs[0]!.value,
        },
      ];
    },
  },
  Transpose: {
    infer(ctx) {
      const s = shapeOf(ctx, 0);
      const perm = ctx.attrs.ints('perm') ?? s.map((_, i) => s.length - 1 - i);
      return [{ shape: perm.map((p) => s[p]), dtype: ctx.inputs[0]!.dtype }];
    },
  },
  Squeeze: {
    infer(ctx) {
      const s = shapeOf(ctx, 0);
      const axes = axesOf(ctx, 1)?.map((a) => normAxis(a, s.length));
      const shape = s.filter((d, i) => (axes ? !axes.includes(i) : d !== 1));
      return [{ shape, dtype: ctx.inputs[0]!.dtype, value: ctx.inputs[0]!.value }];
    },
  },
  Unsqueeze: {
    infer(ctx) {
      const s = shapeOf(ctx, 0);
      const axes = axesOf(ctx, 1);
      if (!axes) throw new ShapeError('Unsqueeze without axes');
      const rank = s.length + axes.length;
      const norm = axes.map((a) => normAxis(a, rank)).sort((a, b) => a - b);
      const shape = [...s];
      for (const a of norm) shape.splice(a, 0, 1);
      return [{ shape, dtype: ctx.inputs[0]!.dtype, value: ctx.inputs[0]!.value }];
    },
  },
  Concat: {
    infer(ctx) {
      const shapes = ctx.inputs
        .map((_, i) => shapeOf(ctx, i))
        .filter((s) => s.length > 0 || ctx.inputs.length === 1);
      const axis = normAxis(ctx.attrs.int('axis', 0), shapes[0].length);
      const shape = [...shapes[0]];
      shape[axis] = shapes.reduce((a, s) => a + s[axis], 0);
      const all = ctx.inputs as TensorInfo[];
      const value =
        shape.length === 1 && all.every((t) => t.value) ? all.flatMap((t) => t.value as number[]) : undefined;
      return [{ shape, dtype: all[0].dtype, value }];
    },
  },
  Slice: {
    infer(ctx) {
      const s = shapeOf(ctx, 0);
      const old = ctx.opset < 10;
      const starts = old ? (ctx.attrs.ints('starts') ?? []) : valueOf(ctx, 1);
      const ends = old ? (ctx.attrs.ints('ends') ?? []) : valueOf(ctx, 2);
      const axes =
        (old ? ctx.attrs.ints('axes') : hasInput(ctx, 3) ? valueOf(ctx, 3) : undefined) ??
        starts.map((_, i) => i);
      const steps = !old && hasInput(ctx, 4) ? valueOf(ctx, 4) : starts.map(() => 1);
      const shape = [...s];
      let value: number[] | undefined;
      axes.forEach((a, k) => {
        const axis = normAxis(a, s.length);
        const [start, n, step] = sliceDim(s[axis], starts[k], ends[k], steps[k]);
        shape[axis] = n;
        const v = ctx.inputs[0]!.value;
        if (s.length === 1 && v) value = Array.from({ length: n }, (_, i) => v[start + i * step]);
      });
      return [{ shape, dtype: ctx.inputs[0]!.dtype, value }];
    },
  },
  Split: {
    infer(ctx) {
      const s = shapeOf(ctx, 0);
      const axis = normAxis(ctx.attrs.int('axis', 0), s.length);
      const outputs = ctx.node.output?.length ?? 1;
      let sizes = ctx.attrs.ints('split') ?? (hasInput(ctx, 1) ? valueOf(ctx, 1) : undefined);
      if (!sizes) {
        const chunk = Math.ceil(s[axis] / outputs);
        sizes = Array.from({ length: outputs }, (_, i) => Math.max(0, Math.min(chunk, s[axis] - i * chunk)));
      }
      return sizes.map((n) => ({
        shape: s.map((d, i) => (i === axis ? n : d)),
        dtype: ctx.inputs[0]!.dtype,
      }));
    },
  },
  Pad: {
    infer(ctx) {
      const s = shapeOf(ctx, 0);
      const pads = ctx.attrs.ints('pads') ?? valueOf(ctx, 1);
      const axes = hasInput(ctx, 3) ? valueOf(ctx, 3).map((a) => normAxis(a, s.length)) : s.map((_, i) => i);
      const shape = [...s];
      axes.forEach((a, k) => (shape[a] += pads[k] + pads[k + axes.length]));
      return [{ shape, dtype: ctx.inputs[0]!.dtype }];
    },
  },
  Expand: {
    infer(ctx) {
      const shape = broadcast(shapeOf(ctx, 0), valueOf(ctx, 1));
      const x = ctx.inputs[0]!;
      const value =
        x.value && x.value.length === 1 && numel(shape) <= MAX_FOLD
          ? new Array(numel(shape)).fill(x.value[0])
          : undefined;
      return [{ shape, dtype: x.dtype, value }];
    },
  },
  Tile: {
    infer(ctx) {
      const s = shapeOf(ctx, 0);
      const reps = valueOf(ctx, 1);
      return [{ shape: s.map((d, i) => d * reps[i]), dtype: ctx.inputs[0]!.dtype }];
    },
  },
  Gather: {
    infer(ctx) {
      const s = shapeOf(ctx, 0);
      const idx = shapeOf(ctx, 1);
      const axis = normAxis(ctx.attrs.int('axis', 0), s.length);
      const shape = [...s.slice(0, axis), ...idx, ...s.slice(axis + 1)];
      const d = ctx.inputs[0]!.value;
      const i = ctx.inputs[1]!.value;
      const value = d && i && numel(shape) <= MAX_FOLD ? gatherValues(d, s, i, axis) : undefined;
      return [{ shape, dtype: ctx.inputs[0]!.dtype, value }];
    },
  },
  GatherElements: { infer: (ctx) => [{ shape: shapeOf(ctx, 1), dtype: ctx.inputs[0]!.dtype }] },
  GatherND: {
    infer(ctx) {
      const s = shapeOf(ctx, 0);
      const idx = shapeOf(ctx, 1);
      const b = ctx.attrs.int('batch_dims', 0);
      const last = idx[idx.length - 1];
      return [{ shape: [...idx.slice(0, -1), ...s.slice(b + last)], dtype: ctx.inputs[0]!.dtype }];
    },
  },
  ScatterND: sameAsInput,
  ScatterElements: sameAsInput,
  Scatter: sameAsInput,
  Trilu: sameAsInput,
  ReverseSequence: sameAsInput,
  ConstantOfShape: {
    infer(ctx) {
      const shape = valueOf(ctx, 0);
      const t = ctx.attrs.tensor('value');
      const fill = t ? (ctx.tensorValue(t)?.[0] ?? 0) : 0;
      const value = numel(shape) <= MAX_FOLD ? new Array(numel(shape)).fill(fill) : undefined;
      return [{ shape, dtype: t?.dataType ?? DataType.FLOAT, value }];
    },
  },
  Range: {
    infer(ctx) {
      const [start, limit, delta] = [0, 1, 2].map((i) => valueOf(ctx, i)[0]);
      const n = Math.max(Math.ceil((limit - start) / delta), 0);
      const value = n <= MAX_FOLD ? Array.from({ length: n }, (_, i) => start + i * delta) : undefined;
      return [{ shape: [n], dtype: ctx.inputs[0]!.dtype, value }];
    },
  },
  DepthToSpace: {
    infer(ctx) {
      const [n, c, h, w] = shapeOf(ctx, 0);
      const b = ctx.attrs.int('blocksize', 1);
      return [{ shape: [n, c / (b * b), h * b, w * b], dtype: ctx.inputs[0]!.dtype }];
    },
  },
  SpaceToDepth: {
    infer(ctx) {
      const [n, c, h, w] = shapeOf(ctx, 0);
      const b = ctx.attrs.int('blocksize', 1);
      return [{ shape: [n, c * b * b, h / b, w / b], dtype: ctx.inputs[0]!.dtype }];
    },
  },
  OneHot: {
    infer(ctx) {
      const idx = shapeOf(ctx, 0);
      const depth = valueOf(ctx, 1)[0];
      const rank = idx.length + 1;
      const axis = normAxis(ctx.attrs.int('axis', -1), rank);
      const shape = [...idx];
      shape.splice(axis, 0, depth);
      return [{ shape, dtype: ctx.inputs[2]?.dtype ?? DataType.FLOAT }];
    },
  },
  NonZero: {
    infer(ctx) {
      const v = ctx.inputs[0]?.value;
      const s = shapeOf(ctx, 0);
      if (!v) throw new ShapeError('NonZero output size depends on the data');
      return [{ shape: [s.length, v.filter((x) => x !== 0).length], dtype: I64 }];
    },
  },
};
