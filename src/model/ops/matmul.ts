/**
 * Matrix products: Gemm, MatMul (batched, broadcast, 1-D operands), the quantized forms,
 * Einsum, and com.microsoft Attention / MultiHeadAttention.
 *
 * MatMul MACs = ∏out · K; a constant operand is a weight and each of its elements is used the
 * same number of times, so sparse MACs scale by its nonzero/total. Bias adds are not counted.
 */
import {
  broadcast,
  flopsOnly,
  numel,
  shapeOf,
  ShapeError,
  type Cost,
  type OpContext,
  type OpRule,
} from './common.js';

/** Softmax over attention scores: max, subtract, exp, sum, divide. */
const SOFTMAX_FLOPS_PER_ELEMENT = 5;

function matmulShape(a: number[], b: number[]): { out: number[]; k: number } {
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const b2 = b.length === 1 ? [b[0], 1] : b;
  const k = a2[a2.length - 1];
  if (b2[b2.length - 2] !== k) throw new ShapeError(`MatMul inner dims differ: [${a}] × [${b}]`);
  const batch = broadcast(a2.slice(0, -2), b2.slice(0, -2));
  const out = [...batch];
  if (a.length > 1) out.push(a2[a2.length - 2]);
  if (b.length > 1) out.push(b2[b2.length - 1]);
  return { out, k };
}

/** A MatMul-like op with A at input `ia` and B at input `ib`; either may be the weight. */
function matmulRule(ia: number, ib: number, outType?: number): OpRule {
  return {
    infer(ctx) {
      const { out } = matmulShape(shapeOf(ctx, ia), shapeOf(ctx, ib));
      return [{ shape: out, dtype: outType ?? ctx.inputs[ia]!.dtype }];
    },
    cost(ctx, [y]) {
      const { k } = matmulShape(shapeOf(ctx, ia), shapeOf(ctx, ib));
      return { terms: [{ macs: numel(y.shape!) * k, weight: [ib, ia] }], flops: 0 };
    },
  };
}

/** Gemm-like with A at input `ia` and B at input `ib` (Gemm, com.microsoft FusedGemm and QGemm). */
function gemmRule(ia: number, ib: number): OpRule {
  return {
    infer(ctx) {
      const a = shapeOf(ctx, ia);
      const b = shapeOf(ctx, ib);
      const m = ctx.attrs.int('transA', 0) ? a[1] : a[0];
      const n = ctx.attrs.int('transB', 0) ? b[0] : b[1];
      return [{ shape: [m, n], dtype: ctx.inputs[ia]!.dtype }];
    },
    cost(ctx, [y]) {
      const a = shapeOf(ctx, ia);
      const k = ctx.attrs.int('transA', 0) ? a[0] : a[1];
      return { terms: [{ macs: numel(y.shape!) * k, weight: [ib, ia] }], flops: 0 };
    },
  };
}

/**
 * com.microsoft MatMulNBits: A [..., K] times a block-quantized B of attributes K × N. B is packed
 * (several weights per byte, per-block zero points), so no sparse figure: sparse = dense.
 */
const matmulNBits: OpRule = {
  infer(ctx) {
    const a = shapeOf(ctx, 0);
    return [{ shape: [...a.slice(0, -1), ctx.attrs.int('N', 0)], dtype: ctx.inputs[0]!.dtype }];
  },
  cost: (ctx, [y]) => ({ terms: [{ macs: numel(y.shape!) * ctx.attrs.int('K', 0) }], flops: 0 }),
};

/** Letters of each operand with `...` expanded to digits, right-aligned for broadcasting. */
function parseEinsum(
  equation: string,
  shapes: number[][],
): { terms: string[]; out: string; sizes: Map<string, number> } {
  const eq = equation.replace(/\s/g, '');
  const [lhs, rhs] = eq.split('->');
  const raw = lhs.split(',');
  if (raw.length !== shapes.length)
    throw new ShapeError(`Einsum '${equation}' names ${raw.length} operands, got ${shapes.length}`);
  const sizes = new Map<string, number>();
  const ellRank = Math.max(
    0,
    ...raw.map((t, i) => (t.includes('...') ? shapes[i].length - (t.length - 3) : 0)),
  );
  const ell = Array.from({ length: ellRank }, (_, i) => String(i)).join('');
  const terms = raw.map((t, i) => {
    const own = t.includes('...') ? shapes[i].length - (t.length - 3) : 0;
    const term = t.replace('...', ell.slice(ellRank - own));
    if (term.length !== shapes[i].length)
      throw new ShapeError(`Einsum term '${t}' does not match rank ${shapes[i].length}`);
    [...term].forEach((c, j) => sizes.set(c, Math.max(sizes.get(c) ?? 1, shapes[i][j])));
    return term;
  });
  let out = rhs?.replace('...', ell);
  if (out === undefined) {
    const counts = new Map<string, number>();
    for (const c of terms.join('')) counts.set(c, (counts.get(c) ?? 0) + 1);
    out =
      ell +
      [...counts]
        .filter(([c, n]) => n === 1 && !/\d/.test(c))
        .map(([c]) => c)
        .sort()
        .join('');
  }
  return { terms, out, sizes };
}

const einsum: OpRule = {
  infer(ctx) {
    const shapes = ctx.inputs.map((_, i) => shapeOf(ctx, i));
    const { out, sizes } = parseEinsum(ctx.attrs.string('equation', ''), shapes);
    return [{ shape: [...out].map((c) => sizes.get(c) ?? 1), dtype: ctx.inputs[0]!.dtype }];
  },
  /** Two operands: one MAC per point of the full index space. One operand: a sum/transpose. */
  cost(ctx): Cost {
    const shapes = ctx.inputs.map((_, i) => shapeOf(ctx, i));
    const { sizes } = parseEinsum(ctx.attrs.string('equation', ''), shapes);
    if (shapes.length === 1) return flopsOnly(numel(shapes[0]));
    if (shapes.length > 2) throw new ShapeError('Einsum with more than two operands');
    const all = numel([...sizes.values()]);
    return { terms: [{ macs: all, weight: [1, 0] }], flops: 0 };
  },
};

/** com.microsoft Attention: packed QKV projection of `input` by `weights`, then softmax(QKᵀ)V. */
const attention: OpRule = {
  infer(ctx) {
    const [b, s] = shapeOf(ctx, 0);
    const w = shapeOf(ctx, 1);
    const sizes = ctx.attrs.ints('qkv_hidden_sizes') ?? [w[1] / 3, w[1] / 3, w[1] / 3];
    return [{ shape: [b, s, sizes[2]], dtype: ctx.inputs[0]!.dtype }];
  },
  cost(ctx) {
    const [b, s, hin] = shapeOf(ctx, 0);
    const w = shapeOf(ctx, 1);
    const heads = ctx.attrs.int('num_heads', 1);
    const [hq, , hv] = ctx.attrs.ints('qkv_hidden_sizes') ?? [w[1] / 3, w[1] / 3, w[1] / 3];
    const past = ctx.inputs[4]?.shape;
    const l = s + (past ? past[3] : 0);
    return {
      terms: [{ macs: b * s * hin * w[1], weight: [1] }, { macs: b * s * l * (hq + hv) }],
      flops: SOFTMAX_FLOPS_PER_ELEMENT * b * heads * s * l,
    };
  },
};

/** com.microsoft MultiHeadAttention: Q [B,S,D], K [B,L,D], V [B,L,Dv] (or packed QKV). */
function mhaDims(ctx: OpContext): { b: number; s: number; l: number; d: number; dv: number } {
  const q = shapeOf(ctx, 0);
  const heads = ctx.attrs.int('num_heads', 1);
  if (q.length === 5) return { b: q[0], s: q[1], l: q[1], d: q[2] * q[4], dv: q[2] * q[4] };
  const k = shapeOf(ctx, 1);
  const v = shapeOf(ctx, 2);
  const l = k.length === 4 ? k[2] : k[1];
  const dv = v.length === 4 ? v[1] * v[3] : v[2];
  if (k.length === 5) return { b: q[0], s: q[1], l: k[1], d: q[2], dv: q[2] };
  void heads;
  return { b: q[0], s: q[1], l, d: q[2], dv };
}

const multiHeadAttention: OpRule = {
  infer(ctx) {
    const { b, s, dv } = mhaDims(ctx);
    return [{ shape: [b, s, dv], dtype: ctx.inputs[0]!.dtype }];
  },
  cost(ctx) {
    const { b, s, l, d, dv } = mhaDims(ctx);
    const heads = ctx.attrs.int('num_heads', 1);
    return { terms: [{ macs: b * s * l * (d + dv) }], flops: SOFTMAX_FLOPS_PER_ELEMENT * b * heads * s * l };
  },
};

export const matmulRules: Record<string, OpRule> = {
  MatMul: matmulRule(0, 1),
  MatMulInteger: matmulRule(0, 1, 6),
  QLinearMatMul: matmulRule(0, 3),
  DynamicQuantizeMatMul: matmulRule(0, 1),
  MatMulNBits: matmulNBits,
  Gemm: gemmRule(0, 1),
  FusedGemm: gemmRule(0, 1),
  QGemm: gemmRule(0, 3),
  Einsum: einsum,
  Attention: attention,
  MultiHeadAttention: multiHeadAttention,
};
