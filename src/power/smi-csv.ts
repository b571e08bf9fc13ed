/**
 * Parsing `nvidia-smi --query-gpu=… --format=csv,noheader,nounits` output. Pure: lines in,
 * rows out. Values such as `[N/A]`, `[Not Supported]` or `[Unknown Error]` become `null`.
 */

/** The fields the sampler asks for, in order of preference; unsupported ones are dropped at probe time. */
export const SMI_FIELDS = [
  'index',
  'uuid',
  'timestamp',
  'power.draw.instant',
  'power.draw',
  'memory.used',
  'utilization.gpu',
  'clocks.sm',
  'temperature.gpu',
] as const;

/** Fields the sampler cannot work without. */
export const SMI_REQUIRED_FIELDS = ['index', 'uuid', 'timestamp'] as const;

/** One parsed row: field name → number (or string for uuid/timestamp), `null` when not available. */
export type SmiRow = Record<string, string | number | null>;

/** A sample row the sampler can use: GPU index, time (ms since epoch, local clock), power (W). */
export interface SmiSample {
  index: number;
  uuid: string;
  timeMs: number;
  /** `power.draw.instant` when available, else `power.draw`; null when neither is. */
  powerW: number | null;
  memoryUsedMiB: number | null;
  utilizationPct: number | null;
}

const TEXT_FIELDS = new Set(['uuid', 'timestamp', 'name', 'driver_version']);

/** Parse one CSV line for `fields`; `null` for lines that are not a well-formed row (garbage, warnings). */
export function parseSmiLine(line: string, fields: readonly string[]): SmiRow | null {
  const cells = line.split(',').map((c) => c.trim());
  if (cells.length !== fields.length) return null;
  const row: SmiRow = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const cell = cells[i];
    if (/^\[.*\]$/.test(cell) || cell === '' || cell === 'N/A') {
      row[field] = null;
    } else if (TEXT_FIELDS.has(field)) {
      row[field] = cell;
    } else {
      const value = Number(cell);
      if (!Number.isFinite(value)) return null;
      row[field] = value;
    }
  }
  return row;
}

/** Turn a parsed row into a sample; `null` when index, uuid or a valid timestamp is missing. */
export function rowToSample(row: SmiRow): SmiSample | null {
  const index = row.index;
  const uuid = row.uuid;
  const timeMs = typeof row.timestamp === 'string' ? parseSmiTimestamp(row.timestamp) : null;
  if (typeof index !== 'number' || typeof uuid !== 'string' || timeMs === null) return null;
  const instant = row['power.draw.instant'];
  const average = row['power.draw'];
  return {
    index,
    uuid,
    timeMs,
    powerW: typeof instant === 'number' ? instant : typeof average === 'number' ? average : null,
    memoryUsedMiB: typeof row['memory.used'] === 'number' ? row['memory.used'] : null,
    utilizationPct: typeof row['utilization.gpu'] === 'number' ? row['utilization.gpu'] : null,
  };
}

/**
 * nvidia-smi's `timestamp` (`2024/05/01 12:00:00.123`, local time, no zone) → ms since epoch,
 * read in this process's local zone (nvidia-smi runs on the same machine). `null` if malformed.
 */
export function parseSmiTimestamp(text: string): number | null {
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!m) return null;
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) + Number(`0.${m[7].slice(3) || '0'}`) : 0;
  const date = new Date(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    0,
  );
  const t = date.getTime();
  return Number.isNaN(t) ? null : t + ms;
}

/**
 * The field nvidia-smi rejected, from its error output (`Field "power.draw.instant" is not a
 * valid field to query.`), or null.
 */
export function rejectedField(output: string): string | null {
  const m = /Field "([^"]+)" is not a valid field to query/i.exec(output);
  return m ? m[1] : null;
}
