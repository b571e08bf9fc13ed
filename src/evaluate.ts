/**
 * The library front door: `evaluate(values)` runs the whole comparison — analyze, benchmark with
 * meters, carbon, accuracy, report, gate — and writes the report files. The CLI and the action
 * are thin adapters around it.
 */
import { readCarbonOptions } from './carbon/inputs.js';
import { resolveIntensity } from './carbon/intensity.js';
import { readCoreOptions } from './config/core-options.js';
import type { InputValues } from './config/define.js';
import { readEvalOptions } from './eval/inputs.js';
import { evaluateAccuracy } from './eval/evaluate.js';
import { readGateOptions } from './gate/inputs.js';
import { evaluateGate } from './gate/evaluate.js';
import type { Logger } from './log.js';
import { analyzeModel } from './model/analyze.js';
import { compareModels } from './model/compare.js';
import { readPowerOptions } from './power/inputs.js';
import { selectMeters } from './power/select.js';
import { buildReport } from './report/build.js';
import { writeReportFiles, type ReportFiles } from './report/files.js';
import { renderMarkdown, type RenderContext } from './report/markdown.js';
import type { Report } from './report/types.js';
import { loadOrt } from './runtime/ort.js';
import { runComparison, runCommandComparison } from './workload/benchmark.js';
import { readWorkloadOptions } from './workload/inputs.js';

export interface EvaluateDeps {
  /** Folder that relative paths are resolved against. */
  cwd: string;
  logger: Logger;
  /** Context for the Markdown (run URL, SHA, marker id). */
  render?: Partial<RenderContext>;
  /** The base branch's report, for regression checks (the action finds it). */
  baseline?: Report | null;
  /** HTTP for live grid-intensity APIs (a seam for tests). */
  fetch?: typeof fetch;
  /** Root of sysfs for RAPL (a seam for tests). */
  sysfsRoot?: string;
  env?: NodeJS.ProcessEnv;
}

export interface EvaluateResult {
  report: Report;
  markdown: string;
  files: ReportFiles;
}

export { type Report } from './report/types.js';

/** Run the whole comparison described by `values` (validated inputs; see src/config/inputs.ts). */
export async function evaluate(values: InputValues, deps: EvaluateDeps): Promise<EvaluateResult> {
  const { logger } = deps;
  // Read every option first, so bad input fails before minutes of measuring.
  const workload = readWorkloadOptions(values);
  const commandMode = workload.mode === 'command';
  const core = readCoreOptions(values, deps.cwd, { commandMode });
  const power = readPowerOptions(values);
  const carbon = readCarbonOptions(values);
  const gate = readGateOptions(values);
  const evalOptions = readEvalOptions(values);
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    logger.warn(message);
  };

  const baseAnalysis = core.basePath ? await analyzeModel(core.basePath, { inputShapes: core.inputShapes, logger }) : null;
  const prunedAnalysis = core.prunedPath
    ? await analyzeModel(core.prunedPath, { inputShapes: core.inputShapes, logger })
    : null;
  const comparison = baseAnalysis && prunedAnalysis ? compareModels(baseAnalysis, prunedAnalysis) : null;

  const { intensity, warnings: carbonWarnings } = await resolveIntensity(carbon, { fetch: deps.fetch, logger });
  carbonWarnings.forEach(warn);

  const selection = await selectMeters(power, { sysfsRoot: deps.sysfsRoot, env: deps.env, logger });
  try {
    if (selection.active.every((m) => m.method === 'estimated')) {
      warn(
        `No energy meter could measure on this machine; energy is estimated from CPU time × TDP. ` +
          `Skipped: ${selection.skipped.map((s) => `${s.id} (${s.reason})`).join('; ')}`,
      );
    }
    const ort = commandMode ? null : await loadOrt();
    const benchmark = commandMode
      ? await runCommandComparison({ options: workload, meters: selection.active, logger, cwd: deps.cwd })
      : await runComparison({
          ort: ort!,
          base: { path: core.basePath!, inputs: baseAnalysis!.model.inputs },
          pruned: { path: core.prunedPath!, inputs: prunedAnalysis!.model.inputs },
          inputShapes: { ...baseAnalysis!.inputShapes, ...core.inputShapes },
          batchSize: workload.batchSizes[0] ?? 1,
          options: workload,
          meters: selection.active,
          logger,
        });
    benchmark.warnings?.forEach(warn);

    const accuracy =
      evalOptions && ort && core.basePath && core.prunedPath
        ? await evaluateAccuracy({
            ort,
            basePath: core.basePath,
            prunedPath: core.prunedPath,
            options: evalOptions,
            logger,
          })
        : null;

    const report = buildReport({
      basePath: core.basePath,
      prunedPath: core.prunedPath,
      baseAnalysis,
      prunedAnalysis,
      comparison,
      benchmark,
      selection,
      intensity,
      carbon,
      accuracy,
      ortVersion: ort?.env.versions?.node ?? null,
      warnings,
    });
    report.gate = evaluateGate(report, gate, deps.baseline ?? null);

    const markdown = renderMarkdown(report, { markerId: 'default', ...deps.render });
    // The files are written before anything that can fail afterwards (publishing, exit codes).
    const files = await writeReportFiles(core.outDir, report, markdown, benchmark);
    return { report, markdown, files };
  } finally {
    await Promise.all(selection.active.map((m) => m.close().catch(() => undefined)));
  }
}
