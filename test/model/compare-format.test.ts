import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/model/analyze.js';
import { compareModels } from '../../src/model/compare.js';
import { formatAnalysis } from '../../src/model/format.js';
import type { ModelAnalysis } from '../../src/model/types.js';
import { GraphBuilder, ramp } from './helpers/graph-builder.js';

/** Two Gemm layers 16→h1→4; `zeros` zeroes weights of the first layer. */
function mlp(h1: number, zeros: (i: number) => boolean = () => false): Promise<ModelAnalysis> {
  const g = new GraphBuilder()
    .input('x', ['batch', 16])
    .init('w1', [h1, 16], ramp(h1 * 16, zeros))
    .init('w2', [4, h1])
    .node('Gemm', ['x', 'w1'], ['h'], { transB: 1 })
    .node('Relu', ['h'], ['r'])
    .node('Gemm', ['r', 'w2'], ['y'], { transB: 1 });
  return analyzeModel(g.write());
}

describe('compareModels', () => {
  const cases: { what: string; pruned: () => ReturnType<typeof mlp>; kind: string; text: RegExp }[] = [
    {
      what: 'zeros in place',
      pruned: () => mlp(8, (i) => i % 2 === 0),
      kind: 'unstructured',
      text: /same tensor shapes, weight sparsity 0\.0% → 40\.0%/,
    },
    {
      what: 'fewer units',
      pruned: () => mlp(4),
      kind: 'structured',
      text: /tensors are physically smaller \(2 layers with smaller tensors\); parameters 160 → 80 \(50\.0% fewer\)/,
    },
    {
      what: 'fewer units and zeros',
      pruned: () => mlp(4, (i) => i % 2 === 0),
      kind: 'mixed',
      text: /Structured and unstructured/,
    },
    { what: 'identical', pruned: () => mlp(8), kind: 'none', text: /No pruning seen/ },
  ];
  it.each(cases)('$what → $kind', async (c) => {
    const result = compareModels(await mlp(8), await c.pruned());
    expect(result.kind).toBe(c.kind);
    expect(result.description).toMatch(c.text);
    expect(result.layers).toHaveLength(2);
  });

  it('sorts layers by their largest relative change and keeps layers only one model has', async () => {
    const base = await mlp(8);
    const pruned = await mlp(8, (i) => i < 96); // w1 loses 96 of 128 weights
    pruned.layers[1] = { ...pruned.layers[1], name: 'renamed', weight: 'w9' };
    const { layers } = compareModels(base, pruned);
    expect(layers.map((l) => [l.name, l.base !== null, l.pruned !== null])).toEqual([
      ['Gemm_2', true, false],
      ['renamed', false, true],
      ['Gemm_0', true, true],
    ]);
    expect(layers[2].pruned).toEqual({ params: 128, nonzero: 32, macsDense: 128, macsSparse: 32 });
  });
});

describe('formatAnalysis', () => {
  it('prints facts, parameters and one row per op type with totals', async () => {
    const text = formatAnalysis(await mlp(8, (i) => i % 2 === 0));
    expect(text).toMatch(/^Model {7}.*model\.onnx$/m);
    expect(text).toMatch(/^Input {7}x float32 \[1, 16\] {2}\(declared \[batch, 16\]\)$/m);
    expect(text).toMatch(/^Parameters {2}160 \(160\), nonzero 96, sparsity 40\.0%, weights 640 B$/m);
    expect(text).toMatch(/^Gemm +2 +160 +96 +320 +100\.0%$/m);
    expect(text).toMatch(/^Relu +1 +- +- +8$/m);
    expect(text).toMatch(/^total +3 +160 +96 +328$/m);
  });

  it('marks and explains unsupported ops', async () => {
    const g = new GraphBuilder().input('x', [1, 4]).node('Foo', ['x'], ['y'], {}, 'com.example');
    const text = formatAnalysis(await analyzeModel(g.write()));
    expect(text).toMatch(/^Foo \* +1/m);
    expect(text).toMatch(/Foo \(1 node\): no shape\/MAC rule for com\.example\.Foo/);
  });
});
