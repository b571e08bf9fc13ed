/**
 * Shape rules of data-movement and shape-computing ops: the inferred output shape, written by hand
 * here, and cross-checked with the shape onnxruntime produces for the same model.
 */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/model/analyze.js';
import { DataType } from '../../src/model/onnx-proto.js';
import { GraphBuilder } from './helpers/graph-builder.js';
import { ortOutputShapes } from './helpers/ort-shapes.js';

const I64 = DataType.INT64;

interface Case {
  what: string;
  build: (g: GraphBuilder) => void;
  shape: number[];
  opset?: number;
  /** Output element type when not float32. */
  outType?: number;
}

const cases: Case[] = [
  {
    what: 'Tile',
    build: (g) => g.input('x', [2, 3]).init('r', [2], [2, 3], I64).node('Tile', ['x', 'r'], ['y']),
    shape: [4, 9],
  },
  {
    what: 'Squeeze with the axes attribute (opset 11)',
    build: (g) => g.input('x', [1, 3, 1, 2]).node('Squeeze', ['x'], ['y'], { axes: [0, 2] }),
    shape: [3, 2],
    opset: 11,
  },
  {
    what: 'Unsqueeze with negative axes (opset 13 input)',
    build: (g) => g.input('x', [3, 2]).init('a', [2], [0, -1], I64).node('Unsqueeze', ['x', 'a'], ['y']),
    shape: [1, 3, 2, 1],
  },
  {
    what: 'Slice with a negative step and clamped ends',
    build: (g) =>
      g
        .input('x', [10, 4])
        .init('s', [1], [-1], I64)
        .init('e', [1], [-1000], I64)
        .init('a', [1], [0], I64)
        .init('st', [1], [-3], I64)
        .node('Slice', ['x', 's', 'e', 'a', 'st'], ['y']),
    shape: [4, 4],
  },
  {
    what: 'Split into equal parts (no sizes)',
    build: (g) => g.input('x', [2, 6]).node('Split', ['x'], ['y', 'z'], { axis: 1 }),
    shape: [2, 3],
  },
  {
    what: 'Range → ConstantOfShape → Expand (shape from values)',
    build: (g) =>
      g
        .input('x', [3, 1])
        .init('s', [], [0], I64)
        .init('l', [], [5], I64)
        .init('d', [], [1], I64)
        .node('Range', ['s', 'l', 'd'], ['r'])
        .node('Shape', ['r'], ['rs'])
        .node('Expand', ['x', 'rs'], ['y']),
    shape: [3, 5],
  },
  {
    what: 'Where(Equal(shape, 0), ...) reshape pattern',
    build: (g) =>
      g
        .input('x', [2, 3, 4])
        .init('t', [2], [0, -1], I64)
        .init('z', [2], [0, 0], I64)
        .init('one', [2], [1, 1], I64)
        .node('Equal', ['t', 'z'], ['isz'])
        .node('Where', ['isz', 'one', 't'], ['t2'])
        .node('Reshape', ['x', 't2'], ['y']),
    shape: [1, 24],
  },
  {
    what: 'ReduceSum keepdims 0 (opset 13 axes input)',
    build: (g) =>
      g.input('x', [2, 3, 4]).init('a', [1], [1], I64).node('ReduceSum', ['x', 'a'], ['y'], { keepdims: 0 }),
    shape: [2, 4],
  },
  {
    what: 'ArgMax keepdims',
    build: (g) => g.input('x', [2, 3]).node('ArgMax', ['x'], ['y'], { axis: 1 }),
    shape: [2, 1],
    outType: I64,
  },
  {
    what: 'TopK',
    build: (g) => g.input('x', [2, 10]).init('k', [1], [3], I64).node('TopK', ['x', 'k'], ['y', 'i']),
    shape: [2, 3],
  },
  {
    what: 'DepthToSpace',
    build: (g) => g.input('x', [1, 8, 2, 3]).node('DepthToSpace', ['x'], ['y'], { blocksize: 2 }),
    shape: [1, 2, 4, 6],
  },
  {
    what: 'Resize to explicit sizes',
    build: (g) =>
      g
        .input('x', [1, 2, 5, 5])
        .init('sz', [4], [1, 2, 7, 3], I64)
        .node('Resize', ['x', '', '', 'sz'], ['y'], { mode: 'linear' }),
    shape: [1, 2, 7, 3],
  },
  {
    what: 'Pad with the pads attribute (opset 10)',
    build: (g) => g.input('x', [1, 2]).node('Pad', ['x'], ['y'], { pads: [0, 1, 2, 3] }),
    shape: [3, 6],
    opset: 10,
  },
  {
    what: 'Upsample with the scales input (opset 9)',
    build: (g) => g.input('x', [1, 1, 2, 3]).init('s', [4], [1, 1, 2, 2]).node('Upsample', ['x', 's'], ['y']),
    shape: [1, 1, 4, 6],
    opset: 9,
  },
  {
    what: 'GatherElements',
    build: (g) =>
      g
        .input('x', [3, 4])
        .init('i', [3, 2], [0, 1, 2, 3, 0, 0], I64)
        .node('GatherElements', ['x', 'i'], ['y'], { axis: 1 }),
    shape: [3, 2],
  },
  {
    what: 'Gather of rows with 2-D indices',
    build: (g) =>
      g.input('x', [5, 4]).init('i', [2, 3], [0, 1, 2, 3, 4, 0], I64).node('Gather', ['x', 'i'], ['y']),
    shape: [2, 3, 4],
  },
  {
    what: 'Flatten at axis 0',
    build: (g) => g.input('x', [2, 3, 4]).node('Flatten', ['x'], ['y'], { axis: 0 }),
    shape: [1, 24],
  },
  {
    what: 'Transpose without perm reverses',
    build: (g) => g.input('x', [2, 3, 4]).node('Transpose', ['x'], ['y']),
    shape: [4, 3, 2],
  },
  {
    what: 'Shape with start/end (opset 15) → Reshape',
    build: (g) =>
      g
        .input('x', [6, 4])
        .input('z', [2, 3, 4])
        .node('Shape', ['z'], ['s'], { start: 1 })
        .node('Concat', ['m1', 's'], ['t'], { axis: 0 })
        .init('m1', [1], [-1], I64)
        .node('Reshape', ['x', 't'], ['y']),
    shape: [2, 3, 4],
  },
  {
    what: 'Div, Mul, Sub and Cast on a computed shape (integer arithmetic)',
    build: (g) =>
      g
        .input('x', [8, 6])
        .init('two', [1], [2], I64)
        .node('Shape', ['x'], ['s'])
        .node('Div', ['s', 'two'], ['h'])
        .node('Mul', ['h', 'two'], ['m'])
        .node('Sub', ['m', 'h'], ['d'])
        .node('Cast', ['d'], ['c'], { to: I64 })
        .node('Concat', ['c', 'two', 'two'], ['t'], { axis: 0 })
        .node('Reshape', ['x', 't'], ['y']),
    shape: [4, 3, 2, 2],
  },
];

describe('shape rules, checked against onnxruntime', () => {
  it.each(cases)('$what', async (c) => {
    const g = new GraphBuilder();
    c.build(g);
    const output = g.nodes.at(-1)!.output![0];
    g.output(output, undefined, c.outType ?? DataType.FLOAT);
    const a = await analyzeModel(g.write('model.onnx', undefined, c.opset));
    expect(a.unsupportedOps).toEqual([]);
    expect(a.outputShapes).toEqual({ [output]: c.shape });
    expect(await ortOutputShapes(g.build(c.opset), a.model.inputs, a.inputShapes)).toEqual(a.outputShapes);
  });
});
