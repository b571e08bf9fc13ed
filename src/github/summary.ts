/**
 * The job summary: the same Markdown as the comment, with room for every detail section. GitHub
 * rejects step summaries over 1 MiB, so a bigger one becomes a short text that links the artifact.
 */
import type { Report } from '../report/types.js';
import { renderMarkdown } from '../report/markdown.js';
import type { RenderContext } from '../report/markdown.js';

/** GitHub's limit for one step's summary, bytes. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** The summary text: the full report when it fits in `limitBytes`, else the headline and a link to the artifact. */
export function summaryText(report: Report, ctx: RenderContext, limitBytes = SUMMARY_LIMIT_BYTES): string {
  const full = renderMarkdown(report, { ...ctx, maxChars: Number.MAX_SAFE_INTEGER });
  if (Buffer.byteLength(full, 'utf8') <= limitBytes) return full;
  const headline = full.split('\n')[0].slice(0, 2000);
  const where = ctx.artifactUrl ? `[the artifact](${ctx.artifactUrl})` : 'the workflow artifact';
  return [
    headline,
    '',
    `The full report is larger than the ${limitBytes === SUMMARY_LIMIT_BYTES ? '1 MiB job summary limit' : `${limitBytes}-byte limit`}: see report.md and report.json in ${where}.`,
  ].join('\n');
}
