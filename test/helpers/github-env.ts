/**
 * Points the real `@actions/github` / `@actions/artifact` clients at a fake: sets GITHUB_API_URL
 * (read once when @actions/github is first imported, so import GitHub modules dynamically after
 * this), ACTIONS_RESULTS_URL and a runtime token, and leaves GITHUB_SERVER_URL unset (the
 * artifact client treats anything but github.com as GHES and refuses).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../src/report/types.js';
import type { FakeGitHub } from './fake-github-server.js';

export function pointClientsAt(fake: FakeGitHub, runId: number): void {
  process.env.GITHUB_API_URL = fake.url;
  process.env.ACTIONS_RESULTS_URL = `${fake.url}/`;
  process.env.ACTIONS_RUNTIME_TOKEN = fake.runtimeToken(runId);
  delete process.env.GITHUB_SERVER_URL;
  process.env.GITHUB_WORKSPACE ??= tmpdir();
}

/** Switches the runtime token to another run (uploads then belong to it). */
export function actAsRun(fake: FakeGitHub, runId: number): void {
  process.env.ACTIONS_RUNTIME_TOKEN = fake.runtimeToken(runId);
}

/** Writes report.json, report.md, emissions.csv and samples.json of `report` to a fresh folder. */
export function writeReportFolder(
  report: Report,
  markdown = '# report\n',
): { dir: string; json: string; markdown: string; csv: string; samples: string } {
  const dir = mkdtempSync(join(tmpdir(), 'carbon-delta-report-'));
  mkdirSync(dir, { recursive: true });
  const paths = {
    dir,
    json: join(dir, 'report.json'),
    markdown: join(dir, 'report.md'),
    csv: join(dir, 'emissions.csv'),
    samples: join(dir, 'samples.json'),
  };
  writeFileSync(paths.json, JSON.stringify(report, null, 2));
  writeFileSync(paths.markdown, markdown);
  writeFileSync(
    paths.csv,
    'timestamp,project_name,run_id,duration,emissions\n2026-12-04T12:00:00,carbon-delta,1,64.2,0.0001\n',
  );
  writeFileSync(paths.samples, JSON.stringify({ latencyMs: { base: [4.1, 4.2], pruned: [3.6, 3.7] } }));
  return paths;
}
