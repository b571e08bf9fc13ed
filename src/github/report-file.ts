/**
 * Reads a `report.json` written by another run (the base branch, or a fork's measure stage).
 * It is untrusted input: the shape is checked before anything reads it, and the renderer escapes
 * every string in it.
 */
import { readFile } from 'node:fs/promises';
import type { Report } from '../report/types.js';

function isObj(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

function checkModel(m: unknown, role: string): string | null {
  if (!isObj(m)) return `models.${role} is missing`;
  for (const key of ['latencyMs', 'energyJ', 'co2eG', 'memory'])
    if (!isObj(m[key])) return `models.${role}.${key} is missing`;
  if (typeof m.path !== 'string') return `models.${role}.path is not a string`;
  return null;
}

/** Why `x` is not a usable report, or null when it is. */
export function reportShapeError(x: unknown): string | null {
  if (!isObj(x)) return 'not a JSON object';
  if (typeof x.schemaVersion !== 'string' || !x.schemaVersion.startsWith('1.'))
    return `unsupported schemaVersion ${JSON.stringify(x.schemaVersion)}`;
  if (!isObj(x.models)) return 'models is missing';
  const problem = checkModel(x.models.base, 'base') ?? checkModel(x.models.pruned, 'pruned');
  if (problem) return problem;
  if (!isObj(x.deltas)) return 'deltas is missing';
  if (!isObj(x.environment) || !isObj(x.benchmark)) return 'environment or benchmark is missing';
  if (!Array.isArray(x.layers ?? []) || !Array.isArray(x.warnings ?? []))
    return 'layers or warnings is not a list';
  return null;
}

/** Parses `report.json` text; throws an Error saying what is wrong. */
export function parseReport(text: string, where: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  const problem = reportShapeError(data);
  if (problem) throw new Error(`${where} is not a carbon-delta report: ${problem}`);
  const report = data as Report;
  report.layers ??= [];
  report.warnings ??= [];
  report.gate ??= { passed: true, enforced: true, checks: [] };
  return report;
}

/** Reads and parses a report file. */
export async function readReportFile(path: string): Promise<Report> {
  return parseReport(await readFile(path, 'utf8'), path);
}
