/**
 * Shape inference and costing, node by node in topological order.
 *
 * Why rules and not onnxruntime: a per-op rule needs no inference run (no memory for
 * activations, no execution provider, works for models too large to run here), it runs at the
 * speed of reading the graph, and it is exact: shapes follow from the bound input shapes and the
 * constant shape tensors (Shape→Gather→Concat→Reshape chains are folded). Where a rule cannot
 * decide, the model's own `value_info` shapes are the fallback, and a node whose cost stays
 * unknown is reported as unsupported with the reason — never counted as zero.
 */
import { UserError } from '../errors.js';
import { Attrs, ShapeError, type Cost, type TensorInfo } from './ops/common.js';
import { ruleFor, WEIGHT_ZERO_POINT } from './ops/index.js';
import type { GraphProto, NodeProto, TensorProto } from './onnx-proto.js';

/** A constant tensor a MAC term multiplies, and the stored value that means zero. */
export interface WeightRef {
  name: string;
  zeroPoint: number;
}

export interface NodeResult {
  node: NodeProto;
  /** Known cost, or undefined with a `reason`. */
  cost?: Cost;
  reason?: string;
  /** The weight of each cost term, when it is a constant tensor. */
  termWeights: (WeightRef | undefined)[];
}

export interface WalkInput {
  modelPath: string;
  graph: GraphProto;
  opset: number;
  /** Bound graph inputs, initializers and Constant tensors known up front. */
  known: Map<string, TensorInfo>;
  /** Names of constant tensors (initializers, Constant outputs) that can be weights. */
  constants: Set<string>;
  /** Shapes the model itself records (value_info, outputs), already bound. */
  fallback: Map<string, TensorInfo>;
  tensorValue: (t: TensorProto) => number[] | undefined;
}

/** Weight-preserving ops a weight may pass through on its way to a MAC op. */
const WEIGHT_PASS = new Set(['Transpose', 'Identity', 'Cast', 'Reshape', 'Squeeze', 'Unsqueeze', 'Flatten']);

export function walkGraph(input: WalkInput): { results: NodeResult[]; values: Map<string, TensorInfo> } {
  const { graph, known } = input;
  const nodes = topoSort(input.modelPath, graph, known);
  const producers = new Map<string, NodeProto>();
  for (const n of nodes) for (const o of n.output ?? []) producers.set(o, n);
  const infos = new Map(known);
  /** For values whose shape stayed unknown: the node where the trail went cold. */
  const unknownFrom = new Map<string, string>();
  const constant = new Set(input.constants);

  const zeroPointOf = (name: string | undefined): number => {
    const v = name ? infos.get(name)?.value : undefined;
    return v && v.length > 0 && v.every((x) => x === v[0]) ? v[0] : 0;
  };
  const resolveWeight = (name: string, zeroPoint: number): WeightRef | undefined => {
    if (input.constants.has(name)) return { name, zeroPoint };
    const p = producers.get(name);
    if (!p?.input?.[0]) return undefined;
    if (WEIGHT_PASS.has(p.opType ?? '')) return resolveWeight(p.input[0], zeroPoint);
    if (p.opType === 'DequantizeLinear') return resolveWeight(p.input[0], zeroPointOf(p.input[2]));
    return undefined;
  };

  const results = nodes.map((node): NodeResult => {
    const opType = node.opType ?? '';
    const names = node.input ?? [];
    const inputs = names.map((n) => (n === '' ? undefined : (infos.get(n) ?? { dtype: 0 })));
    const ctx = {
      node,
      inputs,
      attrs: new Attrs(node.attribute),
      opset: input.opset,
      tensorValue: input.tensorValue,
    };
    const rule = ruleFor(opType, node.domain);
    let outs: TensorInfo[] | undefined;
    let cost: Cost | undefined;
    let reason: string | undefined;
    if (!rule) {
      reason = `no shape/MAC rule for ${node.domain ? `${node.domain}.` : ''}${opType}`;
    } else {
      try {
        outs = rule.infer(ctx);
        for (const o of outs) {
          if (o.shape && o.shape.some((d) => !Number.isInteger(d) || d < 0)) {
            throw new ShapeError(`inferred an invalid shape [${o.shape}]`);
          }
        }
        cost = rule.cost ? rule.cost(ctx, outs) : { terms: [], flops: 0 };
      } catch (error) {
        if (!(error instanceof ShapeError) && !(error instanceof TypeError) && !(error instanceof RangeError))
          throw error;
        reason = error.message;
        // Data movement costs nothing whatever the shapes; only its outputs stay unknown.
        if (!rule.cost) cost = { terms: [], flops: 0 };
        if (!(error instanceof ShapeError)) reason = `shape rule failed: ${reason}`;
        outs = undefined;
      }
    }
    const upstream = names.map((n) => unknownFrom.get(n)).find((u) => u !== undefined);
    if (reason && upstream && reason.includes('is unknown')) reason = `${reason} (${upstream})`;
    const isConst = names.every((n) => n === '' || constant.has(n)) && names.length > 0;
    (node.output ?? []).forEach((name, i) => {
      if (!name) return;
      const inferred = outs?.[i];
      const info = inferred?.shape ? inferred : (input.fallback.get(name) ?? inferred ?? { dtype: 0 });
      infos.set(name, isConst ? { ...info, constant: true } : info);
      if (isConst) constant.add(name);
      if (!info.shape) {
        const here = `left unknown by ${node.domain ? `${node.domain}.` : ''}${opType} node '${node.name || name}'`;
        unknownFrom.set(name, upstream ?? here);
      }
    });
    const zp = WEIGHT_ZERO_POINT[opType] ?? {};
    const termWeights = (cost?.terms ?? []).map((term) => {
      for (const i of term.weight ?? []) {
        const ref = names[i] ? resolveWeight(names[i], zeroPointOf(names[zp[i]])) : undefined;
        if (ref) return ref;
      }
      return undefined;
    });
    return { node, cost, reason: cost ? undefined : reason, termWeights };
  });
  return { results, values: infos };
}

/** Nodes in an order where every input is produced first; a dangling input is a UserError. */
function topoSort(modelPath: string, graph: GraphProto, known: Map<string, TensorInfo>): NodeProto[] {
  const nodes = graph.node ?? [];
  const producedBy = new Map<string, number>();
  nodes.forEach((n, i) =>
    (n.output ?? []).forEach((o) => {
      if (!o) return;
      if (producedBy.has(o) || known.has(o)) {
        throw new UserError(
          `model ${modelPath}: '${o}' is defined twice (output of node '${n.name || o}' and ${known.has(o) ? 'a graph input or initializer' : `node '${nodes[producedBy.get(o)!].name}'`}). The model is malformed; re-export it or run onnx.checker on it.`,
        );
      }
      producedBy.set(o, i);
    }),
  );
  for (const n of nodes) {
    for (const name of n.input ?? []) {
      if (name && !known.has(name) && !producedBy.has(name)) {
        throw new UserError(
          `model ${modelPath}: node '${n.name || n.output?.[0]}' (${n.opType}) reads '${name}', which is no graph input, initializer or node output (a dangling input). The model is malformed; re-export it or run onnx.checker on it.`,
        );
      }
    }
  }
  // Kahn's algorithm (iterative: exporter graphs can be thousands of nodes deep).
  const deps = nodes.map(
    (n) => new Set((n.input ?? []).filter((x) => x && !known.has(x)).map((x) => producedBy.get(x)!)),
  );
  if (deps.every((ds, i) => [...ds].every((d) => d < i))) return nodes;
  const users = nodes.map(() => [] as number[]);
  deps.forEach((ds, i) => ds.forEach((d) => users[d].push(i)));
  const waiting = deps.map((ds) => ds.size);
  const ready = waiting.flatMap((w, i) => (w === 0 ? [i] : []));
  const order: NodeProto[] = [];
  for (let k = 0; k < ready.length; k++) {
    order.push(nodes[ready[k]]);
    for (const u of users[ready[k]]) if (--waiting[u] === 0) ready.push(u);
  }
  if (order.length < nodes.length) {
    const stuck = nodes[waiting.findIndex((w) => w > 0)];
    throw new UserError(
      `model ${modelPath}: the graph has a cycle through node '${stuck.name || stuck.output?.[0]}'.`,
    );
  }
  return order;
}
