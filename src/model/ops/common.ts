/**
 * Shared types and helpers of the per-op rules: each rule infers its outputs' shapes (and, for
 * small integer tensors, their values, so shape-computing chains like Shape→Gather→Concat→Reshape
 * resolve) and says what the node costs.
 */
import { toNumber, type AttributeProto, type NodeProto, type TensorProto } from '../onnx-proto.js';

/** What shape inference knows about one value. */
export interface TensorInfo {
  /** Concrete dims; undefined when not known. */
  shape?: number[];
  dtype: number;
  /** The contents, for small constant-foldable tensors (shape arithmetic). */
  value?: number[];
  /** True for initializers, Constant outputs and what is computed from them alone. */
  constant?: boolean;
}

/** One product of a node: `macs` multiply-accumulates, of which the `weight` input is one factor. */
export interface MacTerm {
  macs: number;
  /**
   * Node inputs that may be the weight (a sparse kernel skips its zeros), in order of
   * preference; the first that is a constant (initializer) is used.
   */
  weight?: number[];
}

export interface Cost {
  terms: MacTerm[];
  /** FLOPs that are not part of MACs (element-wise work, comparisons in pooling, ...). */
  flops: number;
}

export interface OpContext {
  node: NodeProto;
  /** Input infos by position; undefined for an omitted optional input (''). */
  inputs: (TensorInfo | undefined)[];
  attrs: Attrs;
  /** Default-domain opset. */
  opset: number;
  /** Resolves the contents of a Constant/initializer input (values of small tensors). */
  tensorValue: (t: TensorProto) => number[] | undefined;
}

export interface OpRule {
  infer(ctx: OpContext): TensorInfo[];
  /** Absent: the op only moves or reshapes data and costs nothing. */
  cost?(ctx: OpContext, outputs: TensorInfo[]): Cost;
}

/** Why a shape or cost cannot be determined; becomes the `reason` of an unsupported op. */
export class ShapeError extends Error {}

export const numel = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

export function macs(macsCount: number, weight?: number, flops = 0): Cost {
  return { terms: [{ macs: macsCount, weight: weight === undefined ? undefined : [weight] }], flops };
}

export function flopsOnly(flops: number): Cost {
  return { terms: [], flops };
}

/** The input at `i` with a known shape, or a ShapeError naming it. */
export function shapeOf(ctx: OpContext, i: number): number[] {
  const info = ctx.inputs[i];
  if (!info) throw new ShapeError(`input ${i} of ${ctx.node.opType} is missing`);
  if (!info.shape) throw new ShapeError(`shape of input '${ctx.node.input?.[i]}' is unknown`);
  return info.shape;
}

/** The constant contents of input `i`, or a ShapeError saying it is computed at run time. */
export function valueOf(ctx: OpContext, i: number): number[] {
  const info = ctx.inputs[i];
  if (!info?.value)
    throw new ShapeError(`input '${ctx.node.input?.[i]}' of ${ctx.node.opType} is computed at run time`);
  return info.value;
}

export function hasInput(ctx: OpContext, i: number): boolean {
  return ctx.inputs[i] !== undefined;
}

export function normAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= Math.max(rank, 1)) throw new ShapeError(`axis ${axis} out of range for rank ${rank}`);
  return a;
}

/** Numpy-style broadcast of shapes. */
export function broadcast(...shapes: number[][]): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let dim = 1;
    for (const s of shapes) {
      const d = s[s.length - rank + i] ?? 1;
      if (d === 1) continue;
      if (dim !== 1 && d !== dim)
        throw new ShapeError(`shapes [${shapes.map((x) => x.join(',')).join('] and [')}] do not broadcast`);
      dim = d;
    }
    out.push(dim);
  }
  return out;
}

/** Typed access to a node's attributes. */
export class Attrs {
  private readonly byName: Map<string, AttributeProto>;
  constructor(attrs: AttributeProto[] | undefined) {
    this.byName = new Map((attrs ?? []).map((a) => [a.name ?? '', a]));
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  int(name: string, fallback: number): number {
    const a = this.byName.get(name);
    return a?.i !== undefined && a.i !== null ? toNumber(a.i) : fallback;
  }
  float(name: string, fallback: number): number {
    return this.byName.get(name)?.f ?? fallback;
  }
  ints(name: string): number[] | undefined {
    const a = this.byName.get(name);
    if (!a) return undefined;
    return (a.ints ?? []).map(toNumber);
  }
  floats(name: string): number[] | undefined {
    return this.byName.get(name)?.floats;
  }
  string(name: string, fallback: string): string {
    const s = this.byName.get(name)?.s;
    return s ? new TextDecoder().decode(s) : fallback;
  }
  strings(name: string): string[] | undefined {
    const a = this.byName.get(name);
    return a?.strings?.map((s) => new TextDecoder().decode(s));
  }
  tensor(name: string): TensorProto | undefined {
    return this.byName.get(name)?.t;
  }
}
