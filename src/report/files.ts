/** Writes the report files; called before anything that can fail afterwards (publishing, the gate's exit code). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from './types.js';

export interface ReportFiles {
  json: string;
  markdown: string;
  csv: string;
  samples: string;
}

export interface ReportFileContents {
  report: Report;
  markdown: string;
  /** CodeCarbon-compatible emissions.csv text. */
  emissionsCsv: string;
  /** Raw per-iteration latencies and per-window readings. */
  samples: unknown;
}

export async function writeReportFiles(outDir: string, contents: ReportFileContents): Promise<ReportFiles> {
  await mkdir(outDir, { recursive: true });
  const files: ReportFiles = {
    json: join(outDir, 'report.json'),
    markdown: join(outDir, 'report.md'),
    csv: join(outDir, 'emissions.csv'),
    samples: join(outDir, 'samples.json'),
  };
  await writeFile(files.json, `${JSON.stringify(contents.report, null, 2)}\n`);
  await writeFile(files.markdown, `${contents.markdown}\n`);
  await writeFile(files.csv, contents.emissionsCsv);
  await writeFile(files.samples, `${JSON.stringify(contents.samples)}\n`);
  return files;
}
