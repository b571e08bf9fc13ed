/**
 * `<details>` for `report.lifetime` (training + per-query emissions over the model's life,
 * break-even, offsets). Its type belongs to the carbon module; this renders any shape as a
 * key/value table, choosing units from the key names (`…G` grams CO2e, `…J`, `…KWh`, `…Pct`).
 */
import { markdownTable } from 'markdown-table';
import type { LifetimeSummary } from '../../carbon/types.js';
import { escapeText } from './escape.js';
import { count, energyJ, massG, sig } from './format.js';

const MAX_ROWS = 30;

function label(key: string): string {
  const words = key
    .replace(/Co2e(G|Kg)$/, 'Co2e')
    .replace(/([a-z0-9])(G|Kg|J|KWh|Pct)$/, '$1')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]/g, ' ')
    .toLowerCase();
  return escapeText((words.charAt(0).toUpperCase() + words.slice(1)).replace(/co2e/gi, 'CO2e'), 80);
}

function formatValue(key: string, value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '—';
    if (/co2e?g$|emissions?g$|(^|[a-z])G$/.test(key))
      return `${massG(value)}${/co2/i.test(key) ? ' CO2e' : ''}`;
    if (/Kg$/.test(key)) return `${massG(value * 1000)}${/co2/i.test(key) ? ' CO2e' : ''}`;
    if (/J$/.test(key)) return energyJ(value);
    if (/KWh$/i.test(key)) return `${sig(value)} kWh`;
    if (/Pct$/.test(key)) return `${sig(value)}%`;
    return Number.isInteger(value) ? count(value) : sig(value);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value == null) return '—';
  if (Array.isArray(value))
    return escapeText(value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', '));
  return escapeText(value);
}

function flatten(obj: Record<string, unknown>, prefix: string, out: [string, string][]): void {
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix} › ${label(key)}` : label(key);
    if (value && typeof value === 'object' && !Array.isArray(value))
      flatten(value as Record<string, unknown>, path, out);
    else out.push([path, formatValue(key, value)]);
  }
}

/** Lines of the lifetime section, or none when the report has none. */
export function renderLifetime(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Object.keys(value).length === 0) return [];
  const lifetime = value as Record<string, unknown>;
  if (isLifetimeSummary(lifetime)) return renderSummary(lifetime);
  const rows: [string, string][] = [];
  flatten(lifetime, '', rows);
  const shown = rows.slice(0, MAX_ROWS);
  return [
    '<details>',
    '<summary>Lifetime emissions</summary>',
    '',
    ...markdownTable([['Figure', 'Value'], ...shown], { align: ['l', 'r'], alignDelimiters: false }).split(
      '\n',
    ),
    ...(rows.length > shown.length
      ? ['', `_${rows.length - shown.length} more figures in report.json._`]
      : []),
    '',
    '</details>',
  ];
}

function isLifetimeSummary(x: Record<string, unknown>): x is LifetimeSummary & Record<string, unknown> {
  const side = (v: unknown) =>
    !!v && typeof v === 'object' && typeof (v as Record<string, unknown>).trainingCo2eKg === 'number';
  return side(x.base) && side(x.pruned) && !!x.breakEven && typeof x.breakEven === 'object';
}

function kg(x: number | null): string {
  return x == null ? '—' : massG(x * 1000);
}

function breakEvenSentence(b: LifetimeSummary['breakEven']): string {
  const within = (w: boolean | null) =>
    w == null ? '' : w ? ' (within the lifetime)' : ' (beyond the lifetime)';
  switch (b.status) {
    case 'pays-back':
      return b.queries === 0
        ? 'PRUNED is ahead from the first query.'
        : `PRUNED pays back its extra training CO2e after ${count(b.queries)} queries${within(b.withinLifetime)}.`;
    case 'overtaken':
      return `PRUNED starts ahead but BASE is ahead after ${count(b.queries)} queries${within(b.withinLifetime)}.`;
    case 'never':
      return `PRUNED never pays back its training CO2e: ${escapeText(b.reason, 200)}`;
    default:
      return 'BASE and PRUNED have the same training and per-query CO2e.';
  }
}

/** BASE | PRUNED table of training, per-query and lifetime CO2e, then savings and break-even. */
function renderSummary(l: LifetimeSummary): string[] {
  const rows = [
    ['', 'BASE', 'PRUNED'],
    ['Training CO2e', kg(l.base.trainingCo2eKg), kg(l.pruned.trainingCo2eKg)],
    [
      `CO2e per query (${l.basis === 'active' ? 'idle-corrected' : 'total'} energy)`,
      massG(l.base.perQueryCo2eG),
      massG(l.pruned.perQueryCo2eG),
    ],
    ['Inference CO2e over the lifetime', kg(l.base.inferenceCo2eKg), kg(l.pruned.inferenceCo2eKg)],
    ['Total CO2e', kg(l.base.totalCo2eKg), kg(l.pruned.totalCo2eKg)],
  ];
  const queries =
    l.lifetimeQueries == null
      ? 'no lifetime query count given'
      : `${count(l.lifetimeQueries)} queries${l.lifetimeQueriesFrom ? ` (${escapeText(l.lifetimeQueriesFrom, 60)})` : ''}`;
  const saved = l.savingsCo2eKg == null ? '' : ` Lifetime savings: **${kg(l.savingsCo2eKg)} CO2e**.`;
  return [
    '<details>',
    `<summary>Lifetime emissions (${queries})</summary>`,
    '',
    ...markdownTable(rows, { align: ['l', 'r', 'r'], alignDelimiters: false }).split('\n'),
    '',
    `${breakEvenSentence(l.breakEven)}${saved} Training figures: BASE ${escapeText(l.trainingSources.base, 80)}; PRUNED ${escapeText(l.trainingSources.pruned, 80)}.`,
    '',
    '</details>',
  ];
}
