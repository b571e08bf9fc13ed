/**
 * The analyzer on the real exporter output in ../shared/fixtures/real-models against its
 * reference.json: parameters exact, dense MACs against the reference, and sparse MACs against a
 * count made here, independently: onnxruntime runs each model with every Conv/Gemm output exposed
 * (so output sizes are observed, not inferred), and nonzero weights are counted from the decoded
 * float32 data.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/model/analyze.js';
import { compareModels } from '../../src/model/compare.js';
import { decodeModel, encodeModel, toNumber, type TensorProto } from '../../src/model/onnx-proto.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../../shared/fixtures/real-models');
const present = existsSync(path.join(FIXTURES, 'reference.json'));
if (!present)
  console.warn(`skipping real-model tests: ${FIXTURES} not found (the fixtures live outside the repo)`);

interface Reference {
  path: string;
  variant: string;
  params_total: number;
  params_nonzero: number;
  inputs: { name: string; shape: number[] }[];
  macs_onnx_graph: {
    dense: number;
    sparse: number;
    by_op_type: Record<string, { nodes: number; dense: number; sparse: number }>;
  };
}

const references: Reference[] = present
  ? JSON.parse(readFileSync(path.join(FIXTURES, 'reference.json'), 'utf8'))
  : [];

function floats(t: TensorProto): Float32Array {
  if (t.rawData?.length) return new Float32Array(new Uint8Array(t.rawData).buffer); // aligned copy (Buffer.slice is a view)
  return Float32Array.from(t.floatData ?? []);
}

/** Σ over Conv/Gemm nodes of (output positions observed by onnxruntime) × (nonzero, total weights). */
async function independentMacs(
  file: string,
  input: Reference['inputs'][0],
): Promise<{ dense: number; sparse: number }> {
  const model = decodeModel(readFileSync(file));
  const graph = model.graph!;
  const inits = new Map((graph.initializer ?? []).map((t) => [t.name!, t]));
  const macNodes = (graph.node ?? []).filter((n) => n.opType === 'Conv' || n.opType === 'Gemm');
  const extra = macNodes.map((n) => n.output![0]).filter((o) => !graph.output!.some((g) => g.name === o));
  graph.output = [
    ...graph.output!,
    ...extra.map((name) => ({ name, type: { tensorType: { elemType: 1 } } })),
  ];
  const session = await ort.InferenceSession.create(encodeModel(model));
  const size = input.shape.reduce((a, b) => a * b, 1);
  const outputs = await session.run({
    [input.name]: new ort.Tensor('float32', new Float32Array(size).fill(0.5), input.shape),
  });
  let dense = 0;
  let sparse = 0;
  for (const n of macNodes) {
    const w = inits.get(n.input![1])!;
    const dims = (w.dims ?? []).map(toNumber);
    const values = floats(w);
    const nonzero = values.reduce((acc, v) => acc + (v !== 0 ? 1 : 0), 0);
    const y = outputs[n.output![0]].dims.map(Number);
    // Conv: each weight applies once per (batch, output pixel); Gemm: once per output row.
    const positions = n.opType === 'Conv' ? y[0] * y.slice(2).reduce((a, b) => a * b, 1) : y[0];
    dense += positions * values.length;
    sparse += positions * nonzero;
    expect(values.length).toBe(dims.reduce((a, b) => a * b, 1));
  }
  await session.release();
  return { dense, sparse };
}

describe.skipIf(!present)('real models (../shared/fixtures/real-models)', () => {
  it.each(references.map((r) => [r.path, r] as const))('%s', async (_name, ref) => {
    const file = path.join(FIXTURES, ref.path);
    const a = await analyzeModel(file);
    expect(a.inputShapes).toEqual(Object.fromEntries(ref.inputs.map((i) => [i.name, i.shape])));
    expect(a.parameters.total).toBe(ref.params_total);
    expect(a.parameters.nonzero).toBe(ref.params_nonzero);
    expect(a.unsupportedOps).toEqual([]);
    // Dense: the reference's Conv+Gemm+MatMul count; exact, well inside the 1% goal.
    expect(a.macs.dense).toBe(ref.macs_onnx_graph.dense);
    for (const [op, m] of Object.entries(ref.macs_onnx_graph.by_op_type))
      expect(a.macs.byOpType[op]).toEqual(m);
    const mine = await independentMacs(file, ref.inputs[0]);
    expect(mine.dense).toBe(a.macs.dense);
    expect(Math.abs(a.macs.sparse - mine.sparse) / mine.sparse).toBeLessThan(0.01);
    expect(a.macs.sparse).toBe(mine.sparse);
    expect(a.macs.sparse).toBe(ref.macs_onnx_graph.sparse);
  });

  it.each(['mlp', 'squeezenet1_1'])('%s: names the pruning kind of each variant', async (family) => {
    const base = await analyzeModel(path.join(FIXTURES, family, 'base.onnx'));
    const kinds: Record<string, string> = {};
    for (const v of ['unstructured50', 'unstructured90', 'structured']) {
      kinds[v] = compareModels(base, await analyzeModel(path.join(FIXTURES, family, `${v}.onnx`))).kind;
    }
    expect(kinds).toEqual({
      unstructured50: 'unstructured',
      unstructured90: 'unstructured',
      structured: 'structured',
    });
    expect(compareModels(base, base).kind).toBe('none');
  });

  it('batch binding scales MACs: squeezenet at batch 4', async () => {
    const a = await analyzeModel(path.join(FIXTURES, 'squeezenet1_1/base.onnx'), {
      inputShapes: { batch: [4] },
    });
    expect(a.macs.dense).toBe(4 * 349_151_936);
  });
});
