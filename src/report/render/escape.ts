/**
 * Escaping for strings that come from models, files or inputs (layer names, paths, warnings,
 * meter reasons). Everything such a string could do in a GitHub comment is neutralised: HTML
 * tags and entities, Markdown emphasis/links/code, table pipes, line breaks, and @-mentions
 * (a layer named `@org/team` must not notify a team).
 */

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '|': '&#124;',
  '@': '&#64;',
};

/** Markdown characters that can start emphasis, code, links or strike-through mid-line (`(` only matters after `]`). */
const MARKDOWN_SPECIAL = /[\\`*_[\]~]/g;

/** Longest user string kept in a table cell; longer ones end with `…`. */
export const MAX_CELL_CHARS = 120;

/** Escapes `text` for a Markdown table cell or paragraph; collapses whitespace; truncates. */
export function escapeText(text: unknown, maxChars = MAX_CELL_CHARS): string {
  let s = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > maxChars) s = `${s.slice(0, maxChars - 1)}…`;
  return s.replace(/[&<>"'|@]/g, (c) => HTML_ENTITIES[c]).replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/** Escapes for an HTML attribute or a `<summary>` line (no Markdown is parsed there). */
export function escapeHtml(text: unknown, maxChars = MAX_CELL_CHARS): string {
  let s = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > maxChars) s = `${s.slice(0, maxChars - 1)}…`;
  return s.replace(/[&<>"'|@]/g, (c) => HTML_ENTITIES[c]);
}

/** A marker id may only hold `[A-Za-z0-9._-]`, so it can never close the HTML comment. */
export function sanitizeMarkerId(id: string): string {
  const clean = id.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64);
  return clean.length > 0 ? clean : 'default';
}
