/** `<details>` with the layers that changed most (by sparse-effective MACs, then nonzero weights). */
import { markdownTable } from 'markdown-table';
import type { LayerChange } from '../types.js';
import { escapeText } from './escape.js';
import { count, pct, signedPct } from './format.js';

/** Layers shown in the comment; the rest stay in report.json. */
export const DEFAULT_TOP_LAYERS = 15;

type Side = LayerChange['base'];

function sparsity(side: Side): string {
  if (!side || side.params === 0) return '—';
  return pct(1 - side.nonzero / side.params);
}

function macsChange(layer: LayerChange): number {
  return Math.abs((layer.base?.macsSparse ?? 0) - (layer.pruned?.macsSparse ?? 0));
}

function nonzeroChange(layer: LayerChange): number {
  return Math.abs((layer.base?.nonzero ?? 0) - (layer.pruned?.nonzero ?? 0));
}

function change(b: number | undefined, p: number | undefined): string {
  if (b == null && p == null) return '—';
  if (b == null) return 'added';
  if (p == null) return 'removed';
  return b === 0 ? (p === 0 ? '0%' : 'new') : signedPct(p / b - 1);
}

/** Lines of the per-layer section, or none when nothing changed. */
export function renderLayers(layers: readonly LayerChange[], top = DEFAULT_TOP_LAYERS): string[] {
  const changed = layers.filter((l) => macsChange(l) > 0 || nonzeroChange(l) > 0 || !l.base || !l.pruned);
  if (changed.length === 0) return [];
  const sorted = [...changed].sort(
    (a, b) => macsChange(b) - macsChange(a) || nonzeroChange(b) - nonzeroChange(a),
  );
  const shown = sorted.slice(0, top);
  const rows = [['Layer', 'Op', 'Nonzero weights BASE → PRUNED', 'Sparsity BASE → PRUNED', 'Sparse MACs Δ']];
  for (const l of shown) {
    rows.push([
      escapeText(l.name, 60),
      escapeText(l.opType, 24),
      `${l.base ? count(l.base.nonzero) : '—'} → ${l.pruned ? count(l.pruned.nonzero) : '—'}`,
      `${sparsity(l.base)} → ${sparsity(l.pruned)}`,
      change(l.base?.macsSparse, l.pruned?.macsSparse),
    ]);
  }
  const more = sorted.length - shown.length;
  return [
    '<details>',
    `<summary>Per-layer changes (${shown.length} of ${changed.length} changed layers)</summary>`,
    '',
    ...markdownTable(rows, { align: ['l', 'l', 'r', 'r', 'r'], alignDelimiters: false }).split('\n'),
    ...(more > 0 ? ['', `_${more} more changed layer${more > 1 ? 's' : ''} in report.json._`] : []),
    '',
    '</details>',
  ];
}
