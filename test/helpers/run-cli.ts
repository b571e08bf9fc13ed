/** Runs the built CLI (`node dist/cli.js`) as a user would, capturing both streams and the exit code. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI = resolve(import.meta.dirname, '../../dist/cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? resolve(import.meta.dirname, '../..'),
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
