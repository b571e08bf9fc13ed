/**
 * Renders a `Report` to GitHub-flavoured Markdown, once, as an array of lines: the same string is
 * the sticky PR comment and the job summary. Pure: the run URL, SHA, artifact URL and marker id
 * come in through `RenderContext`. Every string from models or inputs is escaped. The result
 * stays under `maxChars`: detail sections are dropped first (and the reader is told which).
 */
import type { Report } from './types.js';
import { renderBatchSizes } from './render/batches.js';
import { renderChart } from './render/chart.js';
import { escapeText, sanitizeMarkerId } from './render/escape.js';
import { renderGate } from './render/gate.js';
import { renderHeadline } from './render/headline.js';
import { renderLayers } from './render/layers.js';
import { renderLifetime } from './render/lifetime.js';
import { renderMethodology } from './render/methodology.js';
import { renderMetricsTable } from './render/metrics.js';

/** GitHub rejects comments over 65,536 characters; keep a margin. */
export const DEFAULT_MAX_CHARS = 65_000;

export interface RenderContext {
  /** Sticky-comment id: `<!-- carbon-delta:<markerId> -->` ends the text. Only `[A-Za-z0-9._-]` kept. */
  markerId: string;
  /** Link to the workflow run. */
  runUrl?: string;
  /** Commit the report is about (shown as its first 7 hex digits). */
  sha?: string;
  /** Link to the uploaded artifact with report.json and the raw samples. */
  artifactUrl?: string;
  /** Upper bound on the result's length in characters. Default 65,000. */
  maxChars?: number;
}

/** The hidden marker that makes a comment sticky. */
export function markerFor(markerId: string): string {
  return `<!-- carbon-delta:${sanitizeMarkerId(markerId)} -->`;
}

interface Section {
  /** Named in the "left out" note when dropped. */
  title: string;
  lines: string[];
  /** Lower is dropped first; undefined is never dropped. */
  dropOrder?: number;
}

function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^\s()<>]+$/.test(url)) return undefined;
  return url;
}

function footer(report: Report, ctx: RenderContext): string {
  const parts = [`carbon-delta ${escapeText(report.tool?.version ?? '', 20)}`];
  const sha = ctx.sha && /^[0-9a-f]{7,40}$/i.test(ctx.sha) ? ctx.sha.slice(0, 7) : undefined;
  if (sha) parts.push(`commit ${sha}`);
  const run = safeUrl(ctx.runUrl);
  if (run) parts.push(`[workflow run](${run})`);
  const artifact = safeUrl(ctx.artifactUrl);
  if (artifact) parts.push(`[full report and raw samples](${artifact})`);
  return `<sub>${parts.join(' · ')}</sub>`;
}

function sections(report: Report): Section[] {
  const { base, pruned } = report.models;
  const intro =
    `**BASE** \`${escapeText(base.path, 80)}\` vs **PRUNED** \`${escapeText(pruned.path, 80)}\` · ` +
    `${escapeText(report.pruning?.kind ?? 'unknown', 20)} pruning · \`${escapeText(report.environment.executionProvider, 30)}\``;
  const warnings = report.warnings ?? [];
  return [
    { title: 'summary', lines: [intro, '', ...renderMetricsTable(report)] },
    { title: 'chart', lines: renderChart(report), dropOrder: 4 },
    { title: 'gate', lines: ['#### Release gate', '', ...renderGate(report.gate)] },
    {
      title: 'warnings',
      lines:
        warnings.length === 0
          ? []
          : [
              '<details>',
              `<summary>⚠️ ${warnings.length} warning${warnings.length > 1 ? 's' : ''}</summary>`,
              '',
              ...warnings.map((w) => `- ${escapeText(w, 500)}`),
              '',
              '</details>',
            ],
      dropOrder: 5,
    },
    { title: 'batch sizes', lines: renderBatchSizes(report), dropOrder: 4 },
    { title: 'per-layer changes', lines: renderLayers(report.layers ?? []), dropOrder: 1 },
    { title: 'methodology', lines: renderMethodology(report), dropOrder: 3 },
    { title: 'lifetime emissions', lines: renderLifetime(report.lifetime), dropOrder: 2 },
  ].filter((s) => s.lines.length > 0);
}

function assemble(head: string, body: Section[], tail: string[]): string[] {
  const lines = [head, ''];
  for (const s of body) lines.push(...s.lines, '');
  lines.push(...tail);
  return lines;
}

function length(lines: string[]): number {
  return lines.reduce((n, l) => n + l.length + 1, 0);
}

/** The Markdown text for the comment and the job summary. */
export function renderMarkdown(report: Report, ctx: RenderContext): string {
  const maxChars = ctx.maxChars ?? DEFAULT_MAX_CHARS;
  const head = renderHeadline(report);
  const tail = [footer(report, ctx), '', markerFor(ctx.markerId)];
  const all = sections(report);
  let lines = assemble(head, all, tail);
  if (length(lines) <= maxChars) return lines.join('\n');

  // Drop detail sections in order until the text fits, then put back the ones that still fit
  // (a huge warnings list should not cost the methodology).
  const droppable = all.filter((s) => s.dropOrder != null).sort((a, b) => a.dropOrder! - b.dropOrder!);
  const dropped = new Set<Section>();
  const note = () =>
    `> ℹ️ Left out to stay under ${maxChars.toLocaleString('en-US')} characters: ${[...dropped].map((s) => s.title).join(', ')}. ` +
    `The full report is in report.json${safeUrl(ctx.artifactUrl) ? ` ([artifact](${ctx.artifactUrl}))` : ' (workflow artifact)'}.`;
  const build = () =>
    assemble(
      head,
      all.filter((s) => !dropped.has(s)),
      [note(), '', ...tail],
    );
  for (const section of droppable) {
    dropped.add(section);
    lines = build();
    if (length(lines) <= maxChars) break;
  }
  for (const section of [...dropped].reverse()) {
    dropped.delete(section);
    const attempt = build();
    if (length(attempt) <= maxChars) lines = attempt;
    else dropped.add(section);
  }
  lines = build();
  const body = all.filter((s) => !dropped.has(s));
  if (length(lines) > maxChars) lines = hardTruncate(head, body, tail, maxChars);
  return lines.join('\n');
}

/** Last resort (huge gate messages): keep whole lines up to the budget, then footer and marker. */
function hardTruncate(head: string, body: Section[], tail: string[], maxChars: number): string[] {
  const notice = '> ℹ️ Truncated to stay under the comment size limit; the full report is in report.json.';
  const budget = maxChars - length(tail) - notice.length - 4;
  const out: string[] = [];
  let used = 0;
  for (const line of assemble(head, body, []).map((l) =>
    l.length > budget ? l.slice(0, Math.max(0, budget - 1)) : l,
  )) {
    if (used + line.length + 1 > budget) break;
    out.push(line);
    used += line.length + 1;
  }
  return [...out, '', notice, '', ...tail];
}
