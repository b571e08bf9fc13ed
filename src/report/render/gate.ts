/** The gate table: one row per check with its threshold, measured value, interval and status. */
import { markdownTable } from 'markdown-table';
import type { GateCheck, GateResult } from '../types.js';
import { escapeText } from './escape.js';
import { sig } from './format.js';

export type GateStatus = 'pass' | 'warn' | 'fail' | 'none';

const STATUS_CELL: Record<GateCheck['status'], string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ fail',
  skip: '⏭️ skip',
};

/** The worst status among the checks; `none` when the gate had no checks. */
export function overallStatus(gate: GateResult | undefined): GateStatus {
  const checks = gate?.checks ?? [];
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'warn')) return 'warn';
  if (checks.some((c) => c.status === 'pass')) return 'pass';
  return 'none';
}

function withUnit(x: number, unit: string | undefined): string {
  if (!unit) return sig(x);
  return unit === '%' ? `${sig(x)}%` : `${sig(x)} ${unit}`;
}

/** "fail < 20%, warn < 30%" for a `min` check, "fail > 10%, warn > 5%" for a `max` check. */
function thresholdCell(check: GateCheck): string {
  const op = check.direction === 'min' ? '<' : '>';
  const parts: string[] = [];
  if (check.failAt != null) parts.push(`fail ${op} ${withUnit(check.failAt, check.unit)}`);
  if (check.warnAt != null) parts.push(`warn ${op} ${withUnit(check.warnAt, check.unit)}`);
  return parts.join(', ') || '—';
}

/** Table lines, then one bullet per check that did not pass (its full message). */
export function renderGate(gate: GateResult | undefined): string[] {
  const checks = gate?.checks ?? [];
  if (checks.length === 0) return ['_No gate thresholds configured._'];
  const rows = [['Check', 'Threshold', 'Measured', 'Interval', 'Status']];
  for (const c of checks) {
    const value = c.value == null ? '—' : withUnit(c.value, c.unit);
    const interval = c.ci ? `${withUnit(c.ci[0], c.unit)} … ${withUnit(c.ci[1], c.unit)}` : '—';
    rows.push([escapeText(c.name, 80), thresholdCell(c), value, interval, STATUS_CELL[c.status]]);
  }
  const lines = markdownTable(rows, { align: ['l', 'l', 'r', 'r', 'l'], alignDelimiters: false }).split('\n');
  const notes = checks
    .filter((c) => c.status !== 'pass')
    .map((c) => `- ${STATUS_CELL[c.status]}: ${escapeText(c.message, 600)}`);
  if (notes.length > 0) lines.push('', ...notes);
  if (gate && !gate.enforced && overallStatus(gate) === 'fail') {
    lines.push('', '_The gate is advisory (`fail-on-regression: false`): failures do not fail the job._');
  }
  return lines;
}
