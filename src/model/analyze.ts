/**
 * Static analysis of one ONNX model: parameters (total, nonzero, by dtype), MACs and FLOPs per
 * node at the given input shapes, dense and sparse-effective, and the per-layer table.
 */
import { resolve } from 'node:path';
import type { Logger } from '../log.js';
import { bindInputs, hasNoShape, tensorSpec } from './bind.js';
import { dtypeName, storageBytes } from './dtypes.js';
import { ExternalDataReader, externalRef } from './external-data.js';
import { walkGraph } from './graph-walk.js';
import { loadModel } from './load.js';
import type { TensorInfo } from './ops/common.js';
import { toNumber, type GraphProto, type TensorProto } from './onnx-proto.js';
import { summarize, type WeightStats } from './summarize.js';
import { countNonzero, isExternal, tensorDims, tensorElements, tensorValues } from './tensors.js';
import type { ModelAnalysis } from './types.js';

export interface AnalyzeOptions {
  /**
   * Concrete sizes, by input name (a full shape, `{ input: [1, 3, 224, 224] }`) or by symbolic
   * dim name (one size, `{ batch: [8] }`). Unbound batch-like dims default to 1.
   */
  inputShapes?: Record<string, number[]>;
  /** Where the batch-dim default and similar notes go. */
  logger?: Logger;
}

/**
 * Analyses the ONNX file at `path` (external data is read from the model's folder). Throws
 * UserError for files that are missing, not ONNX, truncated, malformed, or whose dims are not bound.
 */
export async function analyzeModel(path: string, options: AnalyzeOptions = {}): Promise<ModelAnalysis> {
  const loaded = await loadModel(path);
  const { graph } = loaded;
  const initializers = graph.initializer ?? [];
  const initNames = new Set(initializers.map((t) => t.name ?? ''));
  const graphInputs = (graph.input ?? []).filter((v) => !initNames.has(v.name ?? ''));
  const inputs = graphInputs.map(tensorSpec);
  const outputs = (graph.output ?? []).map(tensorSpec);
  const unranked = new Set(graphInputs.filter(hasNoShape).map((v) => v.name ?? ''));
  const bound = bindInputs(path, inputs, options.inputShapes ?? {}, options.logger, unranked);

  const known = new Map<string, TensorInfo>();
  for (const i of inputs) known.set(i.name, { shape: bound.shapes[i.name], dtype: typeDtype(graph, i.name) });
  const weightTensors = new Map<string, TensorProto>();
  const tensorValue = (t: TensorProto) => tensorValues(path, t);
  for (const t of initializers) {
    known.set(t.name ?? '', {
      shape: tensorDims(t),
      dtype: t.dataType ?? 0,
      value: tensorValue(t),
      constant: true,
    });
    weightTensors.set(t.name ?? '', t);
  }
  for (const n of graph.node ?? []) {
    const t = n.opType === 'Constant' ? n.attribute?.find((a) => a.name === 'value')?.t : undefined;
    if (t && n.output?.[0]) weightTensors.set(n.output[0], t);
  }
  const { results, values } = walkGraph({
    modelPath: path,
    graph,
    opset: loaded.opset,
    known,
    constants: new Set(weightTensors.keys()),
    fallback: recordedShapes(graph, bound.dims),
    tensorValue,
  });

  const reader = new ExternalDataReader(path);
  const stats = new Map<string, WeightStats>();
  const zeroPointNonzero = new Map<string, number>();
  let externalDataBytes = 0;
  try {
    const files = new Set<string>();
    for (const t of initializers) {
      const elements = tensorElements(t);
      stats.set(t.name ?? '', {
        dtype: dtypeName(t.dataType),
        dims: tensorDims(t),
        total: elements,
        nonzero: loaded.preCounted.get(t.name ?? '') ?? (await countNonzero(path, t, reader)),
        bytes: storageBytes(t.dataType, elements),
        initializer: true,
      });
      if (isExternal(t)) {
        const ref = externalRef(path, t);
        // Weights streamed from the model file itself refer to it; it is not external data.
        if (!files.has(ref.file) && ref.file !== resolve(path))
          externalDataBytes += await reader.fileSize(ref);
        files.add(ref.file);
      }
    }
    for (const sparse of graph.sparseInitializer ?? []) {
      const name = sparse.values?.name ?? '';
      const dims = (sparse.dims ?? []).map(toNumber);
      const total = dims.reduce((a, b) => a * b, 1);
      const nonzero = sparse.values ? await countNonzero(path, sparse.values, reader) : 0;
      const dtype = sparse.values?.dataType;
      stats.set(name, {
        dtype: dtypeName(dtype),
        dims,
        total,
        nonzero,
        bytes: storageBytes(dtype, total),
        initializer: true,
      });
    }
    for (const r of results) {
      for (const w of r.termWeights) {
        if (!w) continue;
        const t = weightTensors.get(w.name);
        if (!t) continue;
        if (!stats.has(w.name)) {
          const elements = tensorElements(t);
          const nonzero = await countNonzero(path, t, reader);
          stats.set(w.name, {
            dtype: dtypeName(t.dataType),
            dims: tensorDims(t),
            total: elements,
            nonzero,
            bytes: storageBytes(t.dataType, elements),
            initializer: false,
          });
        }
        const key = `${w.name}\u0000${w.zeroPoint}`;
        if (w.zeroPoint !== 0 && !zeroPointNonzero.has(key)) {
          zeroPointNonzero.set(key, await countNonzero(path, t, reader, w.zeroPoint));
        }
      }
    }
  } finally {
    await reader.close();
  }

  const main = summarize(results, stats, zeroPointNonzero);
  return {
    model: {
      path,
      fileBytes: loaded.fileBytes,
      externalDataBytes,
      opset: loaded.opset,
      irVersion: loaded.irVersion,
      producer: [loaded.proto.producerName, loaded.proto.producerVersion].filter(Boolean).join(' '),
      inputs,
      outputs,
    },
    inputShapes: bound.shapes,
    outputShapes: Object.fromEntries(
      outputs.flatMap((o) => {
        const shape = values.get(o.name)?.shape;
        return shape ? [[o.name, shape]] : [];
      }),
    ),
    ...main,
  };
}

function typeDtype(graph: GraphProto, name: string): number {
  return graph.input?.find((v) => v.name === name)?.type?.tensorType?.elemType ?? 0;
}

/** value_info and output shapes the exporter recorded, with symbolic dims bound where possible. */
function recordedShapes(graph: GraphProto, dims: Map<string, number>): Map<string, TensorInfo> {
  const out = new Map<string, TensorInfo>();
  for (const v of [...(graph.valueInfo ?? []), ...(graph.output ?? [])]) {
    const t = v.type?.tensorType;
    if (!t?.shape?.dim || !v.name) continue;
    const shape = t.shape.dim.map((d) =>
      d.dimParam
        ? (dims.get(d.dimParam) ?? -1)
        : d.dimValue !== undefined && d.dimValue !== null
          ? toNumber(d.dimValue)
          : -1,
    );
    if (shape.every((d) => d >= 0)) out.set(v.name, { shape, dtype: t.elemType ?? 0 });
  }
  return out;
}
