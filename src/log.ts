/** The logger every module takes as a parameter. The CLI logs to stderr; the action to the runner log. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Logs to stderr, so `--json` keeps stdout clean. */
export function stderrLogger(verbose = false): Logger {
  return {
    debug: (m) => {
      if (verbose) process.stderr.write(`debug: ${m}\n`);
    },
    info: (m) => process.stderr.write(`${m}\n`),
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
    error: (m) => process.stderr.write(`error: ${m}\n`),
  };
}

/** Collects messages; for tests and for gathering warnings into the report. */
export function memoryLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  const push = (level: string) => (message: string) => lines.push({ level, message });
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}
