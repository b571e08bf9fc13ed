/**
 * Runs the bundled action exactly as the runner does: `node dist/index.js` with INPUT_* env,
 * the event JSON at GITHUB_EVENT_PATH, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, pointed at
 * a fake GitHub (GITHUB_API_URL, ACTIONS_RESULTS_URL + runtime token; GITHUB_SERVER_URL unset).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import type { FakeGitHub } from './fake-github-server.js';

export interface ActionRunOptions {
  fake: FakeGitHub;
  /** Action inputs by name (`base-model`), as strings the way a workflow passes them. */
  inputs: Record<string, string>;
  runId: number;
  eventName: string;
  event: Record<string, unknown>;
  /** The workspace (GITHUB_WORKSPACE, the working directory). */
  workspace: string;
  sha?: string;
  workflowRef?: string;
  /** Extra environment. */
  env?: Record<string, string>;
  entry?: string;
  timeoutMs?: number;
}

export interface ActionRunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::warning::` / `::error::` messages from stdout. */
  warnings: string[];
  errors: string[];
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIM\nvalue\nDELIM`, or `name=value`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = lines[i].match(/^([^<=]+)<<(.+)$/);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      out[heredoc[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return out;
}

function commands(stdout: string, kind: 'warning' | 'error'): string[] {
  const unescape = (s: string) => s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
  return stdout
    .split('\n')
    .filter((l) => l.startsWith(`::${kind}`))
    .map((l) => unescape(l.slice(l.indexOf('::', 2) + 2)));
}

export async function runAction(o: ActionRunOptions): Promise<ActionRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'carbon-delta-runner-'));
  const files = {
    event: join(dir, 'event.json'),
    output: join(dir, 'output'),
    summary: join(dir, 'summary.md'),
    temp: dir,
  };
  writeFileSync(files.event, JSON.stringify(o.event));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const inputs = Object.fromEntries(
    Object.entries(o.inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
  );
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    ONNXRUNTIME_NODE_INSTALL: 'skip',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_REPOSITORY: o.fake.fullName,
    GITHUB_REPOSITORY_OWNER: o.fake.owner,
    GITHUB_RUN_ID: String(o.runId),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_EVENT_NAME: o.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_SHA: o.sha ?? 'c0ffee0000000000000000000000000000000000',
    GITHUB_WORKFLOW_REF: o.workflowRef ?? `${o.fake.fullName}/.github/workflows/ci.yml@refs/heads/main`,
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_API_URL: o.fake.url,
    RUNNER_TEMP: files.temp,
    ACTIONS_RESULTS_URL: `${o.fake.url}/`,
    ACTIONS_RUNTIME_TOKEN: o.fake.runtimeToken(o.runId),
    ...inputs,
    ...o.env,
  };
  const entry = resolve(o.entry ?? 'dist/index.js');
  const r = await execa('node', [entry], {
    cwd: o.workspace,
    env,
    extendEnv: false,
    reject: false,
    timeout: o.timeoutMs ?? 120_000,
  });
  const stdout = String(r.stdout ?? '');
  return {
    exitCode: r.exitCode ?? -1,
    stdout,
    stderr: String(r.stderr ?? ''),
    outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    warnings: commands(stdout, 'warning'),
    errors: commands(stdout, 'error'),
  };
}
