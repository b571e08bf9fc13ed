/** Dispatches the CLI commands and maps errors to exit codes (0 ok, 1 gate failed, 2 bad input, 3 bug). */
import { ExitCode, isUserError } from '../errors.js';
import { stderrLogger, type Logger } from '../log.js';
import { runAnalyze } from './analyze.js';
import { runCompare, runDemo } from './compare.js';
import { runTrackCommand } from './track.js';

export const USAGE = `carbon-delta — did pruning really save compute, time, energy and carbon?

Usage:
  carbon-delta analyze <model.onnx> [--input NAME=D1xD2x...]... [--json]
  carbon-delta compare --base <model> --pruned <model> [--config FILE] [--input NAME=DIMS]...
                       [--out DIR] [--json] [--duration S] [--execution-provider cpu|cuda|...]
  carbon-delta demo     compare the bundled example models (no arguments needed)
  carbon-delta track [--output-dir DIR] -- <command> [args...]
                       run any command (e.g. a fine-tuning job) under the energy meters and
                       append a CodeCarbon-compatible emissions.csv; exits with the
                       command’s exit code

Run \`carbon-delta <command> --help\` for every flag. Exit codes: 0 done (gate passed),
1 gate failed, 2 bad usage or input, 3 internal error.`;

export interface CliIo {
  stdout: (text: string) => void;
  logger: Logger;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export async function runCli(argv: string[], io?: Partial<CliIo>): Promise<number> {
  const verbose = argv.includes('--verbose');
  const cli: CliIo = {
    stdout: io?.stdout ?? ((text) => process.stdout.write(text)),
    logger: io?.logger ?? stderrLogger(verbose),
    cwd: io?.cwd ?? process.cwd(),
    env: io?.env ?? process.env,
  };
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'analyze':
        return await runAnalyze(rest, cli);
      case 'compare':
        return await runCompare(rest, cli);
      case 'demo':
        return await runDemo(rest, cli);
      case 'track':
        return await runTrackCommand(rest, cli);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        cli.stdout(`${USAGE}\n`);
        return command === undefined ? ExitCode.usage : ExitCode.ok;
      case '--version':
        cli.stdout(`${await toolVersion()}\n`);
        return ExitCode.ok;
      default:
        cli.logger.error(
          `unknown command "${command}". Commands: analyze, compare, demo, track (see --help).`,
        );
        return ExitCode.usage;
    }
  } catch (error) {
    if (isUserError(error)) {
      cli.logger.error(error.message);
      return ExitCode.usage;
    }
    cli.logger.error(
      `internal error — this is a bug in carbon-delta, please report it with the output below.\n${
        error instanceof Error ? (error.stack ?? error.message) : String(error)
      }`,
    );
    return ExitCode.internal;
  }
}

async function toolVersion(): Promise<string> {
  const { TOOL_VERSION } = await import('../version.js');
  return TOOL_VERSION;
}
