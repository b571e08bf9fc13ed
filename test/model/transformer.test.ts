/**
 * A BERT-style encoder layer the way torch.onnx.export writes it: embedding Gather, dynamic
 * batch/sequence dims, head reshapes built from Shape→Gather→Unsqueeze→Concat, Transpose, scaled
 * QKᵀ, Softmax, erf-GELU. Hand-computed MACs at batch 2, sequence 8, hidden 16, 2 heads, FFN 64:
 *   Q, K, V projections 3·(2·8·16·16) = 12288; QKᵀ and AV 2·(2·2·8·8·8) = 4096;
 *   output projection 2·8·16·16 = 4096; FFN 2·(2·8·16·64) = 32768. Total 53248.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/model/analyze.js';
import { DataType, encodeModel } from '../../src/model/onnx-proto.js';
import { GraphBuilder } from './helpers/graph-builder.js';

const I64 = DataType.INT64;
const [H, HEADS, FFN, VOCAB] = [16, 2, 64, 50];
const D = H / HEADS;

function encoderLayer(): GraphBuilder {
  const g = new GraphBuilder()
    .input('ids', ['batch', 'seq'], I64)
    .output('out', ['batch', 'seq', H])
    .init('emb', [VOCAB, H])
    .init('i0', [], [0], I64)
    .init('i1', [], [1], I64)
    .init('ax0', [1], [0], I64)
    .init('heads', [1], [HEADS], I64)
    .init('headDim', [1], [D], I64)
    .init('hidden', [1], [H], I64)
    .init('scale', [], [Math.sqrt(D)])
    .init('ln_s', [H])
    .init('ln_b', [H])
    .init('sqrt2', [], [Math.SQRT2])
    .init('one', [], [1])
    .init('half', [], [0.5]);
  for (const w of ['q', 'k', 'v', 'o']) g.init(`w${w}`, [H, H]).init(`b${w}`, [H]);
  g.init('w1', [H, FFN]).init('b1', [FFN]).init('w2', [FFN, H]).init('b2', [H]);

  g.node('Gather', ['emb', 'ids'], ['x0'], { axis: 0 });
  g.node('LayerNormalization', ['x0', 'ln_s', 'ln_b'], ['x'], { axis: -1 });
  // Dynamic dims the way the exporter computes them.
  g.node('Shape', ['x'], ['sx']);
  g.node('Gather', ['sx', 'i0'], ['b']).node('Unsqueeze', ['b', 'ax0'], ['bu']);
  g.node('Gather', ['sx', 'i1'], ['s']).node('Unsqueeze', ['s', 'ax0'], ['su']);
  g.node('Concat', ['bu', 'su', 'heads', 'headDim'], ['split_shape'], { axis: 0 });
  g.node('Concat', ['bu', 'su', 'hidden'], ['merge_shape'], { axis: 0 });
  for (const w of ['q', 'k', 'v']) {
    g.node('MatMul', ['x', `w${w}`], [`${w}m`]).node('Add', [`${w}m`, `b${w}`], [`${w}a`]);
    g.node('Reshape', [`${w}a`, 'split_shape'], [`${w}r`]);
    g.node('Transpose', [`${w}r`], [`${w}t`], { perm: w === 'k' ? [0, 2, 3, 1] : [0, 2, 1, 3] });
  }
  g.node('MatMul', ['qt', 'kt'], ['scores']).node('Div', ['scores', 'scale'], ['scaled']);
  g.node('Softmax', ['scaled'], ['probs'], { axis: -1 });
  g.node('MatMul', ['probs', 'vt'], ['ctx']).node('Transpose', ['ctx'], ['ctx_t'], { perm: [0, 2, 1, 3] });
  g.node('Reshape', ['ctx_t', 'merge_shape'], ['ctx_m']);
  g.node('MatMul', ['ctx_m', 'wo'], ['om'])
    .node('Add', ['om', 'bo'], ['oa'])
    .node('Add', ['oa', 'x'], ['res']);
  g.node('MatMul', ['res', 'w1'], ['f1']).node('Add', ['f1', 'b1'], ['f1b']);
  // erf GELU: 0.5·x·(1 + erf(x/√2))
  g.node('Div', ['f1b', 'sqrt2'], ['g0']).node('Erf', ['g0'], ['g1']).node('Add', ['g1', 'one'], ['g2']);
  g.node('Mul', ['f1b', 'g2'], ['g3']).node('Mul', ['g3', 'half'], ['gelu']);
  g.node('MatMul', ['gelu', 'w2'], ['f2']).node('Add', ['f2', 'b2'], ['out']);
  return g;
}

describe('a transformer encoder layer as exporters write it', () => {
  it('binds batch and seq by name and counts every MatMul exactly', async () => {
    const a = await analyzeModel(encoderLayer().write(), { inputShapes: { batch: [2], seq: [8] } });
    expect(a.unsupportedOps).toEqual([]);
    expect(a.macs.byOpType.MatMul).toEqual({ nodes: 8, dense: 53248, sparse: 53248 });
    expect(a.macs.dense).toBe(53248);
    const tokens = 2 * 8;
    // element-wise: LayerNorm 7/elem, 3 bias Adds + Div on scores + Softmax 5/elem, residual, GELU (5 ops on FFN)
    const elementwise =
      7 * tokens * H +
      3 * tokens * H +
      2 * HEADS * 8 * 8 * (1 + 5) +
      2 * tokens * H +
      tokens * FFN * (1 + 5) +
      tokens * H;
    expect(a.flops.dense).toBe(2 * 53248 + elementwise);
  });

  it('onnxruntime runs the same model with the output shape the analysis implies', async () => {
    const session = await ort.InferenceSession.create(encodeModel(encoderLayer().build()));
    const ids = new ort.Tensor(
      'int64',
      BigInt64Array.from({ length: 16 }, (_, i) => BigInt(i % VOCAB)),
      [2, 8],
    );
    const out = await session.run({ ids });
    expect(out.out.dims).toEqual([2, 8, H]);
    await session.release();
  });
});
