/**
 * CodeCarbon `emissions.csv`: read (any CodeCarbon version, or ours) and write (CodeCarbon 2.x
 * columns, in CodeCarbon's order). Units as CodeCarbon: duration s, emissions kg CO2e,
 * emissions_rate kg/s, power W, energy kWh, ram_total_size GB.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { UserError } from '../errors.js';
import type { EmissionsRow } from './types.js';

/** CodeCarbon's columns, in the order of its `EmissionsData` (2.x). */
export const CODECARBON_COLUMNS = [
  'timestamp',
  'project_name',
  'run_id',
  'experiment_id',
  'duration',
  'emissions',
  'emissions_rate',
  'cpu_power',
  'gpu_power',
  'ram_power',
  'cpu_energy',
  'gpu_energy',
  'ram_energy',
  'energy_consumed',
  'country_name',
  'country_iso_code',
  'region',
  'cloud_provider',
  'cloud_region',
  'os',
  'python_version',
  'codecarbon_version',
  'cpu_count',
  'cpu_model',
  'gpu_count',
  'gpu_model',
  'longitude',
  'latitude',
  'ram_total_size',
  'tracking_mode',
  'on_cloud',
  'pue',
] as const satisfies readonly (keyof EmissionsRow)[];

/**
 * The columns we write: CodeCarbon's, then carbon-delta's `energy_method` (`measured`,
 * `estimated`, or `mixed` when some power domains were measured and others estimated) last, so
 * CodeCarbon readers (pandas, its dashboard) keep working.
 */
export const EMISSIONS_COLUMNS = [
  ...CODECARBON_COLUMNS,
  'energy_method',
] as const satisfies readonly (keyof EmissionsRow)[];

export interface ParsedEmissions {
  rows: Record<string, string>[];
  /** Sum of the `emissions` column, kg CO2e. */
  totalEmissionsKg: number;
  /** Sum of the `energy_consumed` column, kWh (0 when the column is absent). */
  totalEnergyKWh: number;
}

/**
 * Parses an emissions.csv (header row + data rows). `source` names the file in error messages.
 * Empty cells count as 0; a non-numeric `emissions` or `energy_consumed` cell is a `UserError`.
 */
export function parseEmissionsCsv(text: string, source = 'emissions.csv'): ParsedEmissions {
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new UserError(`${source}: not a readable CSV file (${(error as Error).message}).`, {
      cause: error,
    });
  }
  if (rows.length === 0) {
    throw new UserError(
      `${source}: no data rows. Expected a CodeCarbon emissions.csv with an "emissions" column.`,
    );
  }
  if (!('emissions' in rows[0])) {
    throw new UserError(
      `${source}: no "emissions" column (columns: ${Object.keys(rows[0]).slice(0, 8).join(', ')}...). Expected a CodeCarbon emissions.csv.`,
    );
  }
  const sum = (column: string) =>
    rows.reduce((total, row, index) => {
      const cell = row[column];
      if (cell === undefined || cell === '') return total;
      const value = Number(cell);
      if (!Number.isFinite(value)) {
        throw new UserError(`${source}: row ${index + 2}, column ${column}: "${cell}" is not a number.`);
      }
      return total + value;
    }, 0);
  return { rows, totalEmissionsKg: sum('emissions'), totalEnergyKWh: sum('energy_consumed') };
}

/** Serialises rows as CSV with the header (CodeCarbon's column names and order). */
export function toEmissionsCsv(rows: EmissionsRow[], columns: readonly string[] = EMISSIONS_COLUMNS): string {
  return stringify(
    rows.map((row) => rowCells(row, columns)),
    { header: true, columns: [...columns] },
  );
}

/** Serialises rows without a header, in the given column order (for appending to an existing file). */
export function toEmissionsCsvRows(rows: EmissionsRow[], columns: readonly string[]): string {
  return stringify(
    rows.map((row) => rowCells(row, columns)),
    { header: false, columns: [...columns] },
  );
}

function rowCells(row: EmissionsRow, columns: readonly string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  const record = row as unknown as Record<string, unknown>;
  for (const column of columns) {
    const value = record[column];
    cells[column] = value === undefined || value === null ? '' : String(value);
  }
  return cells;
}
