/**
 * Each MAC/FLOP rule on a tiny hand-built model, against figures computed by hand in the table.
 * FLOPs = 2 × MACs + the element-wise FLOPs of the rule.
 */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/model/analyze.js';
import { DataType } from '../../src/model/onnx-proto.js';
import { GraphBuilder, ramp, tensor } from './helpers/graph-builder.js';
import { ortOutputShapes } from './helpers/ort-shapes.js';

const I64 = DataType.INT64;
const U8 = DataType.UINT8;
const I8 = DataType.INT8;
const everyOther = (i: number) => i % 2 === 0;

interface Case {
  what: string;
  build: (g: GraphBuilder) => void;
  inputShapes?: Record<string, number[]>;
  dense: number;
  /** Defaults to `dense` (no zero weights). */
  sparse?: number;
  /** Total dense FLOPs, when the case checks them. */
  flops?: number;
  opset?: number;
}

const cases: Case[] = [
  {
    what: 'Conv 3×3, pad 1: 4·(8·8)·(3·3·3)',
    build: (g) =>
      g
        .input('x', [1, 3, 8, 8])
        .init('w', [4, 3, 3, 3])
        .node('Conv', ['x', 'w'], ['y'], { pads: [1, 1, 1, 1] }),
    dense: 6912,
    flops: 13824,
  },
  {
    what: 'Conv with a third of the weights zero: sparse = 64 positions · 72 nonzero',
    build: (g) =>
      g
        .input('x', [1, 3, 8, 8])
        .init(
          'w',
          [4, 3, 3, 3],
          ramp(108, (i) => i % 3 === 0),
        )
        .init('b', [4])
        .node('Conv', ['x', 'w', 'b'], ['y'], { pads: [1, 1, 1, 1] }),
    dense: 6912,
    sparse: 4608,
  },
  {
    what: 'grouped Conv (group 2): 8·(6·6)·(2·3·3)',
    build: (g) =>
      g.input('x', [1, 4, 8, 8]).init('w', [8, 2, 3, 3]).node('Conv', ['x', 'w'], ['y'], { group: 2 }),
    dense: 5184,
  },
  {
    what: 'depthwise Conv, stride 2, pad 1: out 5×5, 8·25·9',
    build: (g) =>
      g
        .input('x', [1, 8, 10, 10])
        .init('w', [8, 1, 3, 3])
        .node('Conv', ['x', 'w'], ['y'], { group: 8, strides: [2, 2], pads: [1, 1, 1, 1] }),
    dense: 1800,
  },
  {
    what: 'dilated Conv (dilation 2): effective kernel 5, out 6×6, 3·36·18',
    build: (g) =>
      g
        .input('x', [1, 2, 10, 10])
        .init('w', [3, 2, 3, 3])
        .node('Conv', ['x', 'w'], ['y'], { dilations: [2, 2] }),
    dense: 1944,
  },
  {
    what: 'Conv auto_pad SAME_UPPER stride 2: out ceil(7/2)=4, 2·16·9',
    build: (g) =>
      g
        .input('x', [1, 1, 7, 7])
        .init('w', [2, 1, 3, 3])
        .node('Conv', ['x', 'w'], ['y'], { auto_pad: 'SAME_UPPER', strides: [2, 2] }),
    dense: 288,
  },
  {
    what: 'Conv1d batch 2, stride 2: out 9, 2·5·9·(3·4)',
    build: (g) =>
      g
        .input('x', [2, 3, 20])
        .init('w', [5, 3, 4])
        .node('Conv', ['x', 'w'], ['y'], { strides: [2] }),
    dense: 1080,
  },
  {
    what: 'ConvTranspose stride 2: 4·25 inputs · 2·9 taps; output 11×11 feeds a Relu (242 FLOPs)',
    build: (g) =>
      g
        .input('x', [1, 4, 5, 5])
        .init('w', [4, 2, 3, 3])
        .node('ConvTranspose', ['x', 'w'], ['t'], { strides: [2, 2] })
        .node('Relu', ['t'], ['y']),
    dense: 1800,
    flops: 3600 + 242,
  },
  {
    what: 'ConvTranspose group 2, pads 1, output_padding 1: 100 inputs · 1·9 taps; out 10×10',
    build: (g) =>
      g
        .input('x', [1, 4, 5, 5])
        .init('w', [4, 1, 3, 3], ramp(36, everyOther))
        .node('ConvTranspose', ['x', 'w'], ['t'], {
          group: 2,
          strides: [2, 2],
          pads: [1, 1, 1, 1],
          output_padding: [1, 1],
        })
        .node('Relu', ['t'], ['y']),
    dense: 900,
    sparse: 450,
    flops: 1800 + 2 * 10 * 10,
  },
  {
    what: 'Gemm transB with half the weights zero: 2·8·16, sparse 2·64',
    build: (g) =>
      g
        .input('a', [2, 16])
        .init('b', [8, 16], ramp(128, everyOther))
        .init('c', [8])
        .node('Gemm', ['a', 'b', 'c'], ['y'], { transB: 1 }),
    dense: 256,
    sparse: 128,
  },
  {
    what: 'Gemm transA: A [16,2]ᵀ · B [16,8]',
    build: (g) => g.input('a', [16, 2]).init('b', [16, 8]).node('Gemm', ['a', 'b'], ['y'], { transA: 1 }),
    dense: 256,
  },
  {
    what: 'batched MatMul, weight broadcast over [2,3]: 2·3·4·6·5, half zeros',
    build: (g) =>
      g.input('a', [2, 3, 4, 5]).init('b', [5, 6], ramp(30, everyOther)).node('MatMul', ['a', 'b'], ['y']),
    dense: 720,
    sparse: 360,
  },
  {
    what: 'MatMul of two activations with batch broadcast [2,1]×[3]: no weight, sparse = dense',
    build: (g) => g.input('a', [2, 1, 4, 5]).input('b', [3, 5, 6]).node('MatMul', ['a', 'b'], ['y']),
    dense: 720,
  },
  {
    what: 'MatMul with a 1-D left operand: [5]·[5,6]',
    build: (g) => g.input('a', [5]).init('b', [5, 6]).node('MatMul', ['a', 'b'], ['y']),
    dense: 30,
  },
  {
    what: 'bidirectional LSTM: seq 7 · batch 2 · (|W| 400 + |R| 200); 13+8 FLOPs per unit; Relu on Y [7,2,2,5]',
    build: (g) =>
      g
        .input('x', [7, 2, 10])
        .init('w', [2, 20, 10])
        .init('r', [2, 20, 5])
        .init('b', [2, 40])
        .node('LSTM', ['x', 'w', 'r', 'b'], ['yseq'], { hidden_size: 5, direction: 'bidirectional' })
        .node('Relu', ['yseq'], ['y']),
    dense: 8400,
    flops: 16800 + 14 * 2 * 5 * 21 + 140,
  },
  {
    what: 'GRU: seq 4 · (|W| 18 + |R| 12), R half zero',
    build: (g) =>
      g
        .input('x', [4, 1, 3])
        .init('w', [1, 6, 3])
        .init('r', [1, 6, 2], ramp(12, everyOther))
        .node('GRU', ['x', 'w', 'r'], ['y'], { hidden_size: 2 }),
    dense: 120,
    sparse: 4 * (18 + 6),
  },
  {
    what: 'RNN, batch 2: 3·2·(20 + 25)',
    build: (g) =>
      g
        .input('x', [3, 2, 4])
        .init('w', [1, 5, 4])
        .init('r', [1, 5, 5])
        .node('RNN', ['x', 'w', 'r'], ['y'], { hidden_size: 5 }),
    dense: 270,
  },
  {
    what: 'Einsum attention scores bhqd,bhkd->bhqk: 2·4·6·8',
    build: (g) =>
      g
        .input('q', [1, 2, 4, 8])
        .input('k', [1, 2, 6, 8])
        .node('Einsum', ['q', 'k'], ['y'], { equation: 'bhqd,bhkd->bhqk' }),
    dense: 384,
  },
  {
    what: 'Einsum projection with ellipsis ...d,df->...f and a weight',
    build: (g) =>
      g
        .input('x', [2, 3, 4])
        .init('w', [4, 5], ramp(20, everyOther))
        .node('Einsum', ['x', 'w'], ['y'], { equation: '...d,df->...f' }),
    dense: 120,
    sparse: 60,
  },
  {
    what: 'com.microsoft MultiHeadAttention: B·S·L·(D + Dv) = 4·6·16',
    build: (g) =>
      g
        .input('q', [1, 4, 8])
        .input('k', [1, 6, 8])
        .input('v', [1, 6, 8])
        .node('MultiHeadAttention', ['q', 'k', 'v'], ['y'], { num_heads: 2 }, 'com.microsoft'),
    dense: 384,
  },
  {
    what: 'com.microsoft Attention: QKV projection 4·8·24 + scores and context 4·4·(8+8)',
    build: (g) =>
      g
        .input('x', [1, 4, 8])
        .init('w', [8, 24])
        .init('b', [24])
        .node('Attention', ['x', 'w', 'b'], ['y'], { num_heads: 2 }, 'com.microsoft'),
    dense: 1024,
  },
  {
    what: 'Shape→Gather→Unsqueeze→Concat→Reshape chain at batch 3, then MatMul: 3·12·5',
    build: (g) =>
      g
        .input('x', ['batch', 3, 4])
        .init('i0', [], [0], I64)
        .init('ax', [1], [0], I64)
        .init('m1', [1], [-1], I64)
        .init('w', [12, 5])
        .node('Shape', ['x'], ['s'])
        .node('Gather', ['s', 'i0'], ['b'], { axis: 0 })
        .node('Unsqueeze', ['b', 'ax'], ['b1'])
        .node('Concat', ['b1', 'm1'], ['target'], { axis: 0 })
        .node('Reshape', ['x', 'target'], ['flat'])
        .node('MatMul', ['flat', 'w'], ['y']),
    inputShapes: { batch: [3] },
    dense: 180,
  },
  {
    what: 'Flatten then Gemm: [2,12]·[5,12]ᵀ',
    build: (g) =>
      g
        .input('x', [2, 3, 2, 2])
        .init('w', [5, 12])
        .node('Flatten', ['x'], ['f'])
        .node('Gemm', ['f', 'w'], ['y'], { transB: 1 }),
    dense: 120,
  },
  {
    what: 'Transpose then MatMul: [2,3,5]·[5,4]',
    build: (g) =>
      g
        .input('x', [2, 5, 3])
        .init('w', [5, 4])
        .node('Transpose', ['x'], ['t'], { perm: [0, 2, 1] })
        .node('MatMul', ['t', 'w'], ['y']),
    dense: 120,
  },
  {
    what: 'Slice rows 2..8 then MatMul: 6·8·3',
    build: (g) =>
      g
        .input('x', [1, 10, 8])
        .init('st', [1], [2], I64)
        .init('en', [1], [8], I64)
        .init('ax', [1], [1], I64)
        .init('w', [8, 3])
        .node('Slice', ['x', 'st', 'en', 'ax'], ['s'])
        .node('MatMul', ['s', 'w'], ['y']),
    dense: 144,
  },
  {
    what: 'Split [2,4] then MatMul on the second part: 4·8·3',
    build: (g) =>
      g
        .input('x', [1, 6, 8])
        .init('sp', [2], [2, 4], I64)
        .init('w', [8, 3])
        .node('Split', ['x', 'sp'], ['a', 'b'], { axis: 1 })
        .node('MatMul', ['b', 'w'], ['y']),
    dense: 96,
  },
  {
    what: 'Pad 1 on H and W then Conv 3×3: 25·9',
    build: (g) =>
      g
        .input('x', [1, 1, 5, 5])
        .init('p', [8], [0, 0, 1, 1, 0, 0, 1, 1], I64)
        .init('w', [1, 1, 3, 3])
        .node('Pad', ['x', 'p'], ['xp'])
        .node('Conv', ['xp', 'w'], ['y']),
    dense: 225,
  },
  {
    what: 'Resize ×2 (nearest) then Conv: 8×8 → 6×6, 2·36·9',
    build: (g) =>
      g
        .input('x', [1, 1, 4, 4])
        .init('sc', [4], [1, 1, 2, 2])
        .init('w', [2, 1, 3, 3])
        .node('Resize', ['x', '', 'sc'], ['r'], { mode: 'nearest' })
        .node('Conv', ['r', 'w'], ['y']),
    dense: 648,
    flops: 1296,
  },
  {
    what: 'Expand [1,4] to [3,4] then MatMul: 3·4·2',
    build: (g) =>
      g
        .input('x', [1, 4])
        .init('sh', [2], [3, 4], I64)
        .init('w', [4, 2])
        .node('Expand', ['x', 'sh'], ['e'])
        .node('MatMul', ['e', 'w'], ['y']),
    dense: 24,
  },
  {
    what: 'MaxPool 3×3 stride 2 ceil_mode: out 3×3, 2·9·9 comparisons',
    build: (g) =>
      g
        .input('x', [1, 2, 6, 6])
        .node('MaxPool', ['x'], ['y'], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }),
    dense: 0,
    flops: 162,
  },
  {
    what: 'AveragePool 3×3 stride 2 floor: out 2×2, 2·4·9',
    build: (g) =>
      g.input('x', [1, 2, 6, 6]).node('AveragePool', ['x'], ['y'], { kernel_shape: [3, 3], strides: [2, 2] }),
    dense: 0,
    flops: 72,
  },
  {
    what: 'GlobalAveragePool: one add per input element',
    build: (g) => g.input('x', [1, 3, 4, 4]).node('GlobalAveragePool', ['x'], ['y']),
    dense: 0,
    flops: 48,
  },
  {
    what: 'BatchNormalization: 2 FLOPs per element',
    build: (g) =>
      g
        .input('x', [1, 2, 3, 3])
        .init('s', [2])
        .init('b', [2])
        .init('m', [2])
        .init('v', [2])
        .node('BatchNormalization', ['x', 's', 'b', 'm', 'v'], ['y']),
    dense: 0,
    flops: 36,
  },
  {
    what: 'LayerNormalization: 7 FLOPs per element',
    build: (g) =>
      g
        .input('x', [2, 5])
        .init('s', [5])
        .init('b', [5])
        .node('LayerNormalization', ['x', 's', 'b'], ['y'], { axis: -1 }),
    dense: 0,
    flops: 70,
  },
  {
    what: 'InstanceNormalization: 7 FLOPs per element',
    build: (g) =>
      g
        .input('x', [1, 2, 3])
        .init('s', [2])
        .init('b', [2])
        .node('InstanceNormalization', ['x', 's', 'b'], ['y']),
    dense: 0,
    flops: 42,
  },
  {
    what: 'Softmax: 5 FLOPs per element',
    build: (g) => g.input('x', [2, 5]).node('Softmax', ['x'], ['y'], { axis: -1 }),
    dense: 0,
    flops: 50,
  },
  {
    what: 'ReduceMean (opset 18 axes input): one per input element',
    build: (g) => g.input('x', [2, 5]).init('ax', [1], [1], I64).node('ReduceMean', ['x', 'ax'], ['y']),
    dense: 0,
    flops: 10,
    opset: 18,
  },
  {
    what: 'broadcast Add and Gather: Add counts 6, Gather 0',
    build: (g) =>
      g
        .input('x', [2, 3])
        .init('c', [3])
        .init('idx', [2], [0, 1], I64)
        .node('Add', ['x', 'c'], ['s'])
        .node('Gather', ['s', 'idx'], ['y'], { axis: 1 }),
    dense: 0,
    flops: 6,
  },
  {
    what: 'MatMulInteger, uint8 weights with zero point 128: sparse skips the 4 weights equal to 128',
    build: (g) =>
      g
        .input('a', [2, 4], U8)
        .init('b', [4, 3], [128, 1, 2, 128, 128, 5, 6, 7, 128, 9, 10, 11], U8)
        .init('azp', [], [128], U8)
        .init('bzp', [], [128], U8)
        .node('MatMulInteger', ['a', 'b', 'azp', 'bzp'], ['y'])
        .output('y', undefined, DataType.INT32),
    dense: 24,
    sparse: 16,
  },
  {
    what: 'QLinearConv, int8 weights, 6 of 18 zero: out 2×2, 2·4·9',
    build: (g) =>
      g
        .input('x', [1, 1, 4, 4], U8)
        .init('xs', [], [0.1])
        .init('xz', [], [0], U8)
        .init(
          'w',
          [2, 1, 3, 3],
          ramp(18, (i) => i % 3 === 0),
          I8,
        )
        .init('ws', [], [0.1])
        .init('wz', [], [0], I8)
        .init('ys', [], [0.1])
        .init('yz', [], [0], U8)
        .node('QLinearConv', ['x', 'xs', 'xz', 'w', 'ws', 'wz', 'ys', 'yz'], ['y'])
        .output('y', undefined, U8),
    dense: 72,
    sparse: 48,
  },
  {
    what: 'DequantizeLinear(int8 weight) → Conv: the sparse count follows the weight through DQ',
    build: (g) =>
      g
        .input('x', [1, 1, 4, 4])
        .init('wq', [2, 1, 3, 3], ramp(18, everyOther), I8)
        .init('ws', [], [0.1])
        .init('wz', [], [0], I8)
        .node('DequantizeLinear', ['wq', 'ws', 'wz'], ['w'])
        .node('Conv', ['x', 'w'], ['y']),
    dense: 72,
    sparse: 36,
  },
  {
    what: 'com.microsoft FusedConv (Conv + activation): as Conv',
    build: (g) =>
      g
        .input('x', [1, 3, 8, 8])
        .init('w', [4, 3, 3, 3])
        .node('FusedConv', ['x', 'w'], ['y'], { pads: [1, 1, 1, 1], activation: 'Relu' }, 'com.microsoft'),
    dense: 6912,
  },
  {
    what: 'com.microsoft MatMulNBits (4-bit blocks): [2,3,K=32] × K·N=8, sparse = dense',
    build: (g) =>
      g
        .input('a', [2, 3, 32])
        .init('b', [8, 1, 16], new Array(128).fill(0x88), U8)
        .init('s', [8])
        .node(
          'MatMulNBits',
          ['a', 'b', 's'],
          ['y'],
          { K: 32, N: 8, bits: 4, block_size: 32 },
          'com.microsoft',
        ),
    dense: 1536,
  },
  {
    what: 'com.microsoft DynamicQuantizeMatMul with int8 weights, half zero',
    build: (g) =>
      g
        .input('a', [4, 6])
        .init('b', [6, 5], ramp(30, everyOther), I8)
        .init('bs', [], [0.1])
        .init('bz', [], [0], I8)
        .node('DynamicQuantizeMatMul', ['a', 'b', 'bs', 'bz'], ['y'], {}, 'com.microsoft'),
    dense: 120,
    sparse: 60,
  },
];

describe('MAC/FLOP rules on hand-computed cases', () => {
  it.each(cases)('$what', async (c) => {
    const g = new GraphBuilder();
    c.build(g);
    const a = await analyzeModel(g.write('model.onnx', undefined, c.opset), { inputShapes: c.inputShapes });
    expect(a.unsupportedOps).toEqual([]);
    expect(a.macs.dense).toBe(c.dense);
    expect(a.macs.sparse).toBe(c.sparse ?? c.dense);
    if (c.flops !== undefined) expect(a.flops.dense).toBe(c.flops);
    // The model is valid and the inferred output shape is what onnxruntime produces.
    expect(await ortOutputShapes(g.build(c.opset), a.model.inputs, a.inputShapes)).toEqual(a.outputShapes);
  });
});

describe('ops the analyzer cannot count', () => {
  const custom = (withValueInfo: boolean) => {
    const g = new GraphBuilder()
      .input('x', [1, 4])
      .init('w', [4, 2])
      .node('Foo', ['x'], ['f'], {}, 'com.example')
      .node('Foo', ['f'], ['h'], {}, 'com.example')
      .node('MatMul', ['h', 'w'], ['y']);
    if (withValueInfo)
      g.valueInfos.push({
        name: 'h',
        type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }, { dimValue: 4 }] } } },
      });
    return g.write();
  };

  it('lists an unknown op with its node count, and the MatMul whose input shape it hides', async () => {
    const a = await analyzeModel(custom(false));
    expect(a.unsupportedOps).toEqual([
      { opType: 'Foo', nodes: 2, reason: 'no shape/MAC rule for com.example.Foo' },
      {
        opType: 'MatMul',
        nodes: 1,
        reason: "shape of input 'h' is unknown (left unknown by com.example.Foo node 'Foo_0')",
      },
    ]);
    expect(a.macs.dense).toBe(0);
  });

  it('uses value_info shapes recorded in the model as a fallback', async () => {
    const a = await analyzeModel(custom(true));
    expect(a.unsupportedOps.map((u) => u.opType)).toEqual(['Foo']);
    expect(a.macs.dense).toBe(8);
  });

  it('lists Loop with the reason its body is not counted', async () => {
    const body = { name: 'body', node: [], input: [], output: [] };
    const g = new GraphBuilder().input('x', [2]).init('n', [], [3], I64).init('c', [], [1], DataType.BOOL);
    g.nodes.push({
      name: 'loop',
      opType: 'Loop',
      input: ['n', 'c', 'x'],
      output: ['y'],
      attribute: [{ name: 'body', type: 5, g: body }],
    });
    const a = await analyzeModel(g.write());
    expect(a.unsupportedOps).toHaveLength(1);
    expect(a.unsupportedOps[0]).toMatchObject({ opType: 'Loop', nodes: 1 });
    expect(a.unsupportedOps[0].reason).toMatch(/subgraph/);
  });

  it('reads a Constant node as a weight', async () => {
    const g = new GraphBuilder()
      .input('x', [3, 4])
      .node('Constant', [], ['w'], { value: tensor('w', [4, 2], ramp(8, everyOther)) })
      .node('MatMul', ['x', 'w'], ['y']);
    const a = await analyzeModel(g.write());
    expect(a.macs).toMatchObject({ dense: 24, sparse: 12 });
    expect(a.parameters.total).toBe(0); // initializers only, like the reference figures
  });
});
