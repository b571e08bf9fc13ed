/**
 * What kind of pruning turns BASE into PRUNED, in words, and which layers changed most.
 *
 * Structured pruning removes units/channels: tensors get smaller, so parameters and dense MACs
 * drop. Unstructured pruning zeroes weights in place: same shapes, more zeros, only nonzero
 * counts and sparse MACs drop. Both at once is `mixed`.
 */
import type { LayerChange } from '../report/types.js';
import type { LayerInfo, ModelAnalysis } from './types.js';

export type PruningKind = 'structured' | 'unstructured' | 'mixed' | 'none';

export interface ModelComparison {
  kind: PruningKind;
  description: string;
  /** Every layer of either model, largest relative change first (the renderer truncates). */
  layers: LayerChange[];
}

/** More zeros than this (fraction of all parameters) counts as unstructured pruning. */
const SPARSITY_STEP = 0.001;

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fewer = (base: number, pruned: number) =>
  base === 0 ? 'n/a' : pruned <= base ? `${pct(1 - pruned / base)} fewer` : `${pct(pruned / base - 1)} more`;

function sparsity(a: ModelAnalysis): number {
  return a.parameters.total === 0 ? 0 : 1 - a.parameters.nonzero / a.parameters.total;
}

export function compareModels(base: ModelAnalysis, pruned: ModelAnalysis): ModelComparison {
  const shrunk = pruned.parameters.total < base.parameters.total || pruned.macs.dense < base.macs.dense;
  const sBase = sparsity(base);
  const sPruned = sparsity(pruned);
  const zeroed = sPruned > sBase + SPARSITY_STEP;
  const kind: PruningKind =
    shrunk && zeroed ? 'mixed' : shrunk ? 'structured' : zeroed ? 'unstructured' : 'none';
  const layers = layerChanges(base.layers, pruned.layers);
  const smaller = layers.filter((l) => l.base && l.pruned && l.pruned.params < l.base.params).length;
  const removed = layers.filter((l) => l.base && !l.pruned).length;
  const params = `parameters ${fmt(base.parameters.total)} → ${fmt(pruned.parameters.total)} (${fewer(base.parameters.total, pruned.parameters.total)})`;
  const dense = `dense MACs ${fewer(base.macs.dense, pruned.macs.dense)}`;
  const sparse = `sparse MACs ${fewer(base.macs.sparse, pruned.macs.sparse)}`;
  const zeros = `weight sparsity ${pct(sBase)} → ${pct(sPruned)}`;
  const where = `${smaller} layer${smaller === 1 ? '' : 's'} with smaller tensors${removed ? `, ${removed} removed` : ''}`;
  const description = {
    structured: `Structured pruning: tensors are physically smaller (${where}); ${params}, ${dense}. A dense kernel runs the saving.`,
    unstructured: `Unstructured pruning: same tensor shapes, ${zeros}; ${sparse}, dense MACs unchanged, so only a sparse kernel can gain.`,
    mixed: `Structured and unstructured pruning: ${where}, and ${zeros}; ${params}, ${dense}, ${sparse}.`,
    none:
      pruned.parameters.total === base.parameters.total &&
      pruned.parameters.nonzero === base.parameters.nonzero
        ? 'No pruning seen: parameters and nonzero counts are the same in both models.'
        : `No pruning seen: ${params}, ${zeros}.`,
  }[kind];
  return { kind, description, layers };
}

type Counts = NonNullable<LayerChange['base']>;

const counts = (l: LayerInfo): Counts => ({
  params: l.params,
  nonzero: l.nonzero,
  macsDense: l.macsDense,
  macsSparse: l.macsSparse,
});

/** Relative change of the most-changed figure; a layer that appears or disappears scores 1. */
function changeScore(c: LayerChange): number {
  if (!c.base || !c.pruned) return 1;
  const keys = ['params', 'nonzero', 'macsDense', 'macsSparse'] as const;
  return Math.max(...keys.map((k) => Math.abs(c.pruned![k] - c.base![k]) / Math.max(c.base![k], 1)));
}

/** Pairs layers by node name, else by weight name. */
function layerChanges(base: LayerInfo[], pruned: LayerInfo[]): LayerChange[] {
  const byName = new Map(pruned.map((l) => [l.name, l]));
  const byWeight = new Map(pruned.filter((l) => l.weight).map((l) => [l.weight!, l]));
  const used = new Set<LayerInfo>();
  const out: LayerChange[] = base.map((b) => {
    let p = byName.get(b.name);
    if (!p || used.has(p)) p = b.weight ? byWeight.get(b.weight) : undefined;
    if (p && used.has(p)) p = undefined;
    if (p) used.add(p);
    return { name: b.name, opType: b.opType, base: counts(b), pruned: p ? counts(p) : null };
  });
  for (const p of pruned)
    if (!used.has(p)) out.push({ name: p.name, opType: p.opType, base: null, pruned: counts(p) });
  return out
    .map((c, i) => ({ c, i, score: changeScore(c) }))
    .sort((x, y) => y.score - x.score || x.i - y.i)
    .map((x) => x.c);
}
