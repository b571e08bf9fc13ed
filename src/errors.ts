/**
 * Two kinds of error. A `UserError` is something the user can fix (bad input, missing file,
 * unavailable provider): the front doors print its message alone and exit 2. Anything else is a
 * bug: printed with its cause, exit 3.
 */
export class UserError extends Error {
  /** The input, flag or file the message is about, e.g. `base-model`. */
  readonly input?: string;

  constructor(message: string, options: { input?: string; cause?: unknown } = {}) {
    super(options.input ? `${options.input}: ${message}` : message, { cause: options.cause });
    this.name = 'UserError';
    this.input = options.input;
  }
}

/** The gate failed: not an error of the tool, but the front doors exit 1. */
export class GateFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GateFailedError';
  }
}

export const ExitCode = { ok: 0, gateFailed: 1, usage: 2, internal: 3 } as const;

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** The message of anything thrown, for logs. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
