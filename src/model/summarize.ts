/**
 * Turns per-node costs and per-tensor counts into the totals of a ModelAnalysis (pure).
 */
import type { NodeResult } from './graph-walk.js';
import { MAC_OPS } from './ops/index.js';
import type { LayerInfo, MacCount, ModelAnalysis } from './types.js';

export interface WeightStats {
  dtype: string;
  dims: number[];
  total: number;
  nonzero: number;
  /** Bytes of stored data. */
  bytes: number;
  /** Graph initializer (counted as a parameter), or a Constant node's tensor. */
  initializer: boolean;
}

type Totals = Pick<
  ModelAnalysis,
  'parameters' | 'macs' | 'flops' | 'unsupportedOps' | 'layers' | 'nodeCount' | 'opTypes'
>;

/** macs × nonzero/total, exact when the weight is used a whole number of times (always, for MAC rules). */
export function scaleMacs(macs: number, nonzero: number, total: number): number {
  if (total === 0) return 0;
  const perElement = macs / total;
  return Number.isInteger(perElement) ? perElement * nonzero : Math.round((macs * nonzero) / total);
}

export function summarize(
  results: NodeResult[],
  stats: Map<string, WeightStats>,
  zeroPointNonzero: Map<string, number>,
): Totals {
  const parameters: Totals['parameters'] = { total: 0, nonzero: 0, weightBytes: 0, byDtype: {} };
  for (const s of stats.values()) {
    if (!s.initializer) continue;
    parameters.total += s.total;
    parameters.nonzero += s.nonzero;
    parameters.weightBytes += s.bytes;
    const d = (parameters.byDtype[s.dtype] ??= { total: 0, nonzero: 0, bytes: 0 });
    d.total += s.total;
    d.nonzero += s.nonzero;
    d.bytes += s.bytes;
  }

  const byOpType: Record<string, MacCount> = {};
  const flopsByOpType: Record<string, number> = {};
  const opTypes: Record<string, number> = {};
  const unsupported = new Map<string, { nodes: number; reasons: Set<string> }>();
  const layers: LayerInfo[] = [];
  let dense = 0;
  let sparse = 0;
  let nonMac = 0;
  for (const r of results) {
    const opType = r.node.opType ?? '';
    opTypes[opType] = (opTypes[opType] ?? 0) + 1;
    if (!r.cost) {
      const u = unsupported.get(opType) ?? { nodes: 0, reasons: new Set<string>() };
      u.nodes++;
      u.reasons.add(r.reason ?? 'unknown');
      unsupported.set(opType, u);
      continue;
    }
    let nodeDense = 0;
    let nodeSparse = 0;
    r.cost.terms.forEach((term, i) => {
      const w = r.termWeights[i];
      const s = w ? stats.get(w.name) : undefined;
      const nonzero =
        s && w
          ? ((w.zeroPoint !== 0 ? zeroPointNonzero.get(`${w.name}\u0000${w.zeroPoint}`) : undefined) ??
            s.nonzero)
          : 0;
      nodeDense += term.macs;
      nodeSparse += s ? scaleMacs(term.macs, nonzero, s.total) : term.macs;
    });
    dense += nodeDense;
    sparse += nodeSparse;
    nonMac += r.cost.flops;
    if (MAC_OPS.has(opType) || nodeDense > 0) {
      const m = (byOpType[opType] ??= { nodes: 0, dense: 0, sparse: 0 });
      m.nodes++;
      m.dense += nodeDense;
      m.sparse += nodeSparse;
    }
    const nodeFlops = 2 * nodeDense + r.cost.flops;
    if (nodeFlops > 0) flopsByOpType[opType] = (flopsByOpType[opType] ?? 0) + nodeFlops;
    const weight = r.termWeights.find((w) => w !== undefined);
    if (weight) layers.push(layerOf(r, weight.name, nodeDense, nodeSparse, stats));
  }
  return {
    parameters,
    macs: { dense, sparse, byOpType },
    flops: { dense: 2 * dense + nonMac, sparse: 2 * sparse + nonMac, nonMac, byOpType: flopsByOpType },
    unsupportedOps: [...unsupported].map(([opType, u]) => ({
      opType,
      nodes: u.nodes,
      reason:
        [...u.reasons].slice(0, 3).join('; ') +
        (u.reasons.size > 3 ? `; and ${u.reasons.size - 3} more` : ''),
    })),
    layers,
    nodeCount: results.length,
    opTypes,
  };
}

function layerOf(
  r: NodeResult,
  weight: string,
  macsDense: number,
  macsSparse: number,
  stats: Map<string, WeightStats>,
): LayerInfo {
  const names = new Set([weight, ...(r.node.input ?? []).filter((n) => stats.get(n)?.initializer)]);
  let params = 0;
  let nonzero = 0;
  for (const n of names) {
    params += stats.get(n)?.total ?? 0;
    nonzero += stats.get(n)?.nonzero ?? 0;
  }
  return {
    name: r.node.name || r.node.output?.[0] || weight,
    opType: r.node.opType ?? '',
    weight,
    weightShape: stats.get(weight)?.dims,
    params,
    nonzero,
    macsDense,
    macsSparse,
  };
}
