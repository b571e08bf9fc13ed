/**
 * The GitHub Action adapter: reads inputs, resolves onnxruntime-node, runs `evaluate()`, then
 * publishes (job summary, outputs) and fails the step when the gate fails. With src/github/, the
 * only code that imports @actions/*.
 */
import * as core from '@actions/core';
import { ACTION_INPUTS } from './config/inputs.js';
import { readConfigFile } from './config/file.js';
import { resolveInputValues } from './config/values.js';
import { errorMessage, isUserError } from './errors.js';
import { evaluate } from './evaluate.js';
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

/** Raw action inputs: `core.getInput` gives '' for inputs not set. */
function readActionInputs(): Record<string, string> {
  return Object.fromEntries(ACTION_INPUTS.map((def) => [def.name, core.getInput(def.name)]));
}

export async function run(): Promise<void> {
  try {
    const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const explicit = readActionInputs();
    const file = readConfigFile(explicit['config'] || undefined, cwd);
    const values = resolveInputValues(ACTION_INPUTS, { explicit, file: file?.values, filePath: file?.path });

    const provider = String(values['execution-provider'] ?? 'cpu');
    const ort = await resolveOrt({
      explicitPath: values['onnxruntime-path'] as string | undefined,
      executionProvider: provider,
      exec: execCollect,
      logger: actionLogger,
    });
    setOrtLoader(async () => ort.module);
    actionLogger.info(`onnxruntime-node from ${ort.source}${ort.dir ? ` (${ort.dir})` : ''}`);

    const runUrl =
      process.env.GITHUB_REPOSITORY && process.env.GITHUB_RUN_ID
        ? `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}`
        : undefined;
    const { report, markdown, files } = await evaluate(values, {
      cwd,
      logger: actionLogger,
      render: { runUrl, sha: process.env.GITHUB_SHA, markerId: String(values['comment-id'] ?? 'default') },
    });

    await core.summary.addRaw(markdown, true).write();
    const pct = (key: string) => {
      const change = report.deltas[key]?.change;
      return change === null || change === undefined ? '' : (change * 100).toFixed(2);
    };
    core.setOutput('report-path', files.json);
    core.setOutput('markdown-path', files.markdown);
    core.setOutput('gate-passed', String(report.gate.passed));
    core.setOutput('energy-change-pct', pct('energyPerInference'));
    core.setOutput('co2e-change-pct', pct('co2ePerInference'));
    core.setOutput('macs-change-pct', pct('macsDense'));
    core.setOutput('latency-change-pct', pct('latencyP50'));

    if (!report.gate.passed && report.gate.enforced) {
      const failed = report.gate.checks.filter((c) => c.status === 'fail').map((c) => c.message);
      core.setFailed(`carbon-delta gate failed: ${failed.join('; ')}`);
    }
  } catch (error) {
    if (isUserError(error)) core.setFailed(error.message);
    else core.setFailed(`carbon-delta internal error (please report): ${error instanceof Error ? (error.stack ?? errorMessage(error)) : String(error)}`);
  }
}
