/**
 * Eval sets as text. JSON Lines: one object per line, `{"inputs": {"name": [...]}, "label": 3}`,
 * or `"inputs": [...]` for a single-input model (nested arrays give the sample shape); `label`
 * may be a number, a boolean or, for multi-output regression, an array. CSV: a header row,
 * numeric feature columns for the model's single input (shape [features]) and an optional
 * `label` column. Blank lines are skipped.
 */
import type { EvalData, InputColumn } from '../types.js';
import { DataError } from './errors.js';

/** Shape and flattened values of a nested numeric array. */
function flatten(value: unknown, where: string): { shape: number[]; values: number[] } {
  if (typeof value === 'number' || typeof value === 'boolean') return { shape: [], values: [Number(value)] };
  if (!Array.isArray(value)) throw new DataError(`${where}: expected a number or an array of numbers`);
  const parts = value.map((v, i) => flatten(v, `${where}[${i}]`));
  const inner = parts[0]?.shape ?? [];
  if (parts.some((p) => p.shape.join(',') !== inner.join(',')))
    throw new DataError(`${where}: ragged nested array`);
  return { shape: [value.length, ...inner], values: parts.flatMap((p) => p.values) };
}

class Columns {
  private readonly values = new Map<string, number[]>();
  private readonly shapes = new Map<string, number[]>();
  add(name: string, shape: number[], values: number[], where: string): void {
    const known = this.shapes.get(name);
    if (known && known.join(',') !== shape.join(',')) {
      throw new DataError(
        `${where}: input '${name || 'inputs'}' has shape [${shape}], earlier samples [${known}]`,
      );
    }
    this.shapes.set(name, shape);
    const list = this.values.get(name) ?? [];
    for (const v of values) list.push(v);
    this.values.set(name, list);
  }
  build(): Map<string, InputColumn> {
    return new Map(
      [...this.values].map(([name, list]) => [
        name,
        { data: Float64Array.from(list), sampleShape: this.shapes.get(name)! },
      ]),
    );
  }
}

export function fromJsonLines(text: string, source: string): EvalData {
  const columns = new Columns();
  const labels: number[] = [];
  let labelWidth: number | undefined;
  let count = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    let record: { inputs?: unknown; label?: unknown };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      throw new DataError(`${where}: not valid JSON`);
    }
    if (record === null || typeof record !== 'object' || record.inputs === undefined) {
      throw new DataError(`${where}: expected an object with "inputs"`);
    }
    if (Array.isArray(record.inputs) || typeof record.inputs === 'number') {
      const { shape, values } = flatten(record.inputs, `${where} inputs`);
      columns.add('', shape, values, where);
    } else if (typeof record.inputs === 'object' && record.inputs !== null) {
      for (const [name, value] of Object.entries(record.inputs)) {
        const { shape, values } = flatten(value, `${where} inputs.${name}`);
        columns.add(name, shape, values, where);
      }
    } else throw new DataError(`${where}: "inputs" must be an array or an object of arrays`);
    if (record.label !== undefined) {
      const { values } = flatten(record.label, `${where} label`);
      if (labelWidth !== undefined && labelWidth !== values.length)
        throw new DataError(`${where}: label size differs from earlier lines`);
      labelWidth = values.length;
      labels.push(...values);
    }
    count++;
  });
  if (count === 0) throw new DataError('no samples (the file is empty)');
  if (labels.length > 0 && labels.length / (labelWidth ?? 1) !== count) {
    throw new DataError(
      `${labels.length / (labelWidth ?? 1)} of ${count} lines have a "label"; label every line or none`,
    );
  }
  return {
    count,
    inputs: columns.build(),
    ...(labels.length > 0 && { labels: Float64Array.from(labels) }),
    ...(labelWidth !== undefined && labelWidth > 1 && { targetSize: labelWidth }),
    source,
  };
}

export function fromCsv(text: string, source: string): EvalData {
  const rows = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (rows.length < 2) throw new DataError('expected a header row and at least one data row');
  const header = rows[0].split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
  const labelIndex = header.findIndex((h) => h.toLowerCase() === 'label');
  const features = header.length - (labelIndex >= 0 ? 1 : 0);
  if (features === 0) throw new DataError('no feature columns besides "label"');
  const data = new Float64Array((rows.length - 1) * features);
  const labels = labelIndex >= 0 ? new Float64Array(rows.length - 1) : undefined;
  rows.slice(1).forEach((row, r) => {
    const cells = row.split(',');
    if (cells.length !== header.length) {
      throw new DataError(`line ${r + 2}: ${cells.length} cells, the header has ${header.length}`);
    }
    let f = 0;
    cells.forEach((cell, c) => {
      const value = Number(cell.trim());
      if (cell.trim() === '' || !Number.isFinite(value)) {
        throw new DataError(
          `line ${r + 2}, column '${header[c]}': ${JSON.stringify(cell.trim())} is not a number`,
        );
      }
      if (c === labelIndex) labels![r] = value;
      else data[r * features + f++] = value;
    });
  });
  return {
    count: rows.length - 1,
    inputs: new Map([['', { data, sampleShape: [features] }]]),
    ...(labels && { labels }),
    source,
  };
}
