/** The readable text of `carbon-delta analyze`: model facts, parameters, and a table by op type. */
import type { ModelAnalysis } from './types.js';

const n = (x: number) => x.toLocaleString('en-US');

/** 1234567 → "1.23 M" (decimal prefixes, for a quick read next to the exact figure). */
export function compact(x: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, unit] of units) if (Math.abs(x) >= scale) return `${(x / scale).toFixed(2)} ${unit}`;
  return String(x);
}

const bytes = (b: number) => `${compact(b)}B`.replace(/^(\d+)B$/, '$1 B');
const pct = (part: number, whole: number) => (whole === 0 ? '0.0%' : `${((part / whole) * 100).toFixed(1)}%`);

function table(rows: string[][], rightAligned: boolean[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd(),
  );
}

/** Multi-line text for a terminal (no trailing newline). */
export function formatAnalysis(a: ModelAnalysis): string {
  const m = a.model;
  const lines: string[] = [];
  const ext = m.externalDataBytes ? ` + ${bytes(m.externalDataBytes)} external data` : '';
  lines.push(`Model       ${m.path}`);
  lines.push(
    `            ${bytes(m.fileBytes)}${ext}, opset ${m.opset}, IR ${m.irVersion}${m.producer ? `, ${m.producer}` : ''}, ${a.nodeCount} nodes`,
  );
  for (const i of m.inputs) {
    lines.push(
      `Input       ${i.name} ${i.dtype} [${(a.inputShapes[i.name] ?? []).join(', ')}]  (declared [${i.shape.join(', ')}])`,
    );
  }
  const p = a.parameters;
  lines.push(
    `Parameters  ${n(p.total)} (${compact(p.total)}), nonzero ${n(p.nonzero)}, sparsity ${pct(p.total - p.nonzero, p.total)}, weights ${bytes(p.weightBytes)}`,
  );
  for (const [dtype, d] of Object.entries(p.byDtype)) {
    lines.push(`            ${dtype}: ${n(d.total)}, nonzero ${n(d.nonzero)}, ${bytes(d.bytes)}`);
  }
  lines.push(
    `MACs        dense ${n(a.macs.dense)} (${compact(a.macs.dense)}), sparse ${n(a.macs.sparse)} (${compact(a.macs.sparse)})`,
  );
  lines.push(
    `FLOPs       dense ${n(a.flops.dense)} (${compact(a.flops.dense)}), sparse ${n(a.flops.sparse)} (${compact(a.flops.sparse)})`,
  );
  lines.push('');
  const rows = [['op type', 'nodes', 'dense MACs', 'sparse MACs', 'FLOPs (dense)', 'share of MACs']];
  const flops = a.flops.byOpType ?? {};
  const ops = Object.keys(a.opTypes).sort(
    (x, y) =>
      (a.macs.byOpType[y]?.dense ?? 0) - (a.macs.byOpType[x]?.dense ?? 0) ||
      (flops[y] ?? 0) - (flops[x] ?? 0) ||
      x.localeCompare(y),
  );
  for (const op of ops) {
    const mc = a.macs.byOpType[op];
    const unsupported = a.unsupportedOps.find((u) => u.opType === op);
    rows.push([
      op + (unsupported ? ' *' : ''),
      n(a.opTypes[op]),
      mc ? n(mc.dense) : '-',
      mc ? n(mc.sparse) : '-',
      flops[op] ? n(flops[op]) : '-',
      mc ? pct(mc.dense, a.macs.dense) : '',
    ]);
  }
  rows.push(['total', n(a.nodeCount), n(a.macs.dense), n(a.macs.sparse), n(a.flops.dense), '']);
  lines.push(...table(rows, [false, true, true, true, true, true]));
  if (a.unsupportedOps.length > 0) {
    lines.push('');
    lines.push('* Not counted (MACs/FLOPs unknown for these nodes):');
    for (const u of a.unsupportedOps)
      lines.push(`  ${u.opType} (${u.nodes} node${u.nodes === 1 ? '' : 's'}): ${u.reason ?? ''}`);
  }
  return lines.join('\n');
}
