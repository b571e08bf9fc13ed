/** Writing emissions.csv files: create, or append like CodeCarbon does (one row per run). */
import { mkdir, readFile, writeFile, appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { CODECARBON_COLUMNS, toEmissionsCsv, toEmissionsCsvRows } from './emissions-csv.js';
import type { EmissionsRow } from './types.js';

/**
 * Appends rows to `path`, creating it (with the header) when absent or empty. An existing file
 * keeps its own column order; columns it lacks are left out with a warning (CodeCarbon instead
 * moves such a file aside). A file without an `emissions` column is a `UserError`.
 */
export async function appendEmissionsCsv(path: string, rows: EmissionsRow[], logger?: Logger): Promise<void> {
  let existing: string | undefined;
  try {
    existing = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing === undefined || existing.trim() === '') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, toEmissionsCsv(rows));
    return;
  }
  const header = readHeader(existing, path);
  // A CodeCarbon file lacks our energy_method column: expected, not worth a warning.
  const missing = CODECARBON_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    logger?.warn(`${path}: the file has no column ${missing.join(', ')}; appending without them.`);
  const separator = existing.endsWith('\n') ? '' : '\n';
  await appendFile(path, separator + toEmissionsCsvRows(rows, header));
}

function readHeader(text: string, path: string): string[] {
  const records = parse(text.replace(/^\uFEFF/, ''), { to_line: 1, relax_column_count: true }) as string[][];
  const header = (records[0] ?? []).map((c) => c.trim());
  if (!header.includes('emissions')) {
    throw new UserError(
      `${path} exists but is not an emissions.csv (no "emissions" column). Choose another output path or move the file.`,
    );
  }
  return header;
}
