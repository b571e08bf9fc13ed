/**
 * The GitHub Action adapter. Reads the inputs, then either runs the comment stage
 * (`mode: comment`: no models, no inference) or resolves onnxruntime-node, looks up the
 * base-branch baseline, runs `evaluate()`, publishes (artifact, job summary, sticky comment,
 * outputs) and sets the exit code: 0 done, 1 gate failed, 2 bad input, 3 internal error. With
 * src/github/, the only code that imports @actions/*.
 */
import * as core from '@actions/core';
import { ACTION_INPUTS } from './config/inputs.js';
import { readConfigFile } from './config/file.js';
import { resolveInputValues } from './config/values.js';
import { ExitCode, errorMessage, isUserError } from './errors.js';
import { evaluate } from './evaluate.js';
import { gateFailureMessage } from './gate/evaluate.js';
import { runUrl } from './github/context.js';
import { commentStage, loadBaseline, openGitHubSession, publish } from './github/session.js';
import type { Logger } from './log.js';
import { execCollect } from './runtime/exec.js';
import { resolveOrt } from './runtime/resolve.js';
import { setOrtLoader } from './runtime/ort.js';

export const actionLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warn: (m) => core.warning(m),
  error: (m) => core.error(m),
};

/** Inputs whose values are masked in the log. */
const SECRET_INPUTS = ['github-token', 'electricity-maps-token'];

/** Raw action inputs: `core.getInput` gives '' for inputs not set. */
function readActionInputs(): Record<string, string> {
  const raw = Object.fromEntries(ACTION_INPUTS.map((def) => [def.name, core.getInput(def.name)]));
  for (const name of SECRET_INPUTS) if (raw[name]) core.setSecret(raw[name]);
  return raw;
}

export async function run(): Promise<void> {
  try {
    const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const explicit = readActionInputs();
    const file = readConfigFile(explicit['config'] || undefined, cwd);
    const values = resolveInputValues(ACTION_INPUTS, { explicit, file: file?.values, filePath: file?.path });
    const session = openGitHubSession(values, actionLogger);

    if (session.options.mode === 'comment') {
      // Second stage of the fork-safe pair: nothing is measured, so onnxruntime is not needed.
      await commentStage(session);
      return;
    }

    const provider = String(values['execution-provider'] ?? 'cpu');
    const ort = await resolveOrt({
      explicitPath: values['onnxruntime-path'] as string | undefined,
      executionProvider: provider,
      exec: execCollect,
      logger: actionLogger,
    });
    setOrtLoader(async () => ort.module, ort.url ?? undefined);
    actionLogger.info(`onnxruntime-node from ${ort.source}${ort.dir ? ` (${ort.dir})` : ''}`);

    const baseline = await loadBaseline(session);
    if (baseline && !baseline.report) actionLogger.info(baseline.note);
    const { report, files } = await evaluate(values, {
      cwd,
      logger: actionLogger,
      render: { runUrl: runUrl(session.ctx), sha: session.ctx.sha, markerId: session.options.commentId },
      baseline: baseline?.report ?? null,
      baselineNote: baseline?.report ? undefined : baseline?.note,
    });
    // Publishing degrades to warnings; the gate decides the exit code afterwards.
    await publish(session, report, files, baseline);

    if (!report.gate.passed && report.gate.enforced) {
      core.setFailed(gateFailureMessage(report.gate));
      process.exitCode = ExitCode.gateFailed;
    } else if (!report.gate.passed) {
      core.warning(`${gateFailureMessage(report.gate)} (advisory: fail-on-regression is false)`);
    }
  } catch (error) {
    if (isUserError(error)) {
      core.setFailed(error.message);
      process.exitCode = ExitCode.usage;
    } else {
      core.setFailed(
        `carbon-delta internal error (please report): ${error instanceof Error ? (error.stack ?? errorMessage(error)) : String(error)}`,
      );
      process.exitCode = ExitCode.internal;
    }
  }
}
