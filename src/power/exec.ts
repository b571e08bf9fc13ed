/** The exec seam the meters use for one-shot commands (nvidia-smi probes, external meters). */
import { execa } from 'execa';

/** The outcome of one command; never throws for a failing or missing command. */
export interface ExecResult {
  /** Exit code; null when the command could not start or was killed. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The command was not found (ENOENT). */
  notFound: boolean;
  /** Why it failed, in words, when it did (start error, signal, timeout). */
  failure?: string;
}

export interface ExecOptions {
  /** Kill the command after this many milliseconds. */
  timeoutMs?: number;
  /** Environment for the command (PATH is searched in it). */
  env?: NodeJS.ProcessEnv;
}

/** Run `file` with `args` (no shell) and collect its output. */
export type Exec = (file: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/** The real exec, through execa. */
export const defaultExec: Exec = async (file, args, options = {}) => {
  const result = await execa(file, [...args], {
    reject: false,
    timeout: options.timeoutMs,
    env: options.env,
    stdin: 'ignore',
  });
  const code = (result as { code?: string }).code;
  const notFound = code === 'ENOENT';
  const failure = result.failed
    ? notFound
      ? `${file} not found on PATH`
      : result.timedOut
        ? `${file} timed out after ${options.timeoutMs} ms`
        : result.signal
          ? `${file} was killed by ${result.signal}`
          : result.exitCode !== undefined
            ? `${file} exited with code ${result.exitCode}`
            : `${file} could not start (${code ?? result.shortMessage})`
    : undefined;
  return {
    exitCode: result.exitCode ?? null,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    notFound,
    failure,
  };
};

/** The first non-empty line of a command's output, for reasons shown to users. */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? ''
  );
}
