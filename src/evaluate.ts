/**
 * The library front door: `evaluate(values)` runs the whole comparison — analyze, benchmark with
 * meters, carbon, accuracy, report, gate — and writes the report files. The CLI and the action
 * are thin adapters around it.
 */
import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { readCarbonOptions } from './carbon/inputs.js';
import { resolveIntensity } from './carbon/intensity.js';
import { loadTrainingCo2e } from './carbon/training.js';
import { readCoreOptions } from './config/core-options.js';
import type { InputValues } from './config/define.js';
import { readEvalOptions } from './eval/inputs.js';
import { evaluateAccuracy } from './eval/evaluate.js';
import type { AccuracyResult } from './eval/types.js';
import { readGateOptions } from './gate/inputs.js';
import { evaluateGate } from './gate/evaluate.js';
import type { Logger } from './log.js';
import { analyzeModel } from './model/analyze.js';
import { compareModels } from './model/compare.js';
import { assembleReport } from './pipeline/assemble.js';
import { buildEmissionsCsv } from './pipeline/emissions.js';
import { hardwareSummary } from './power/hardware.js';
import { readPowerOptions } from './power/inputs.js';
import { selectMeters } from './power/select.js';
import { MIN_MEASURED_WINDOW_S } from './power/types.js';
import { writeReportFiles, type ReportFiles } from './report/files.js';
import { renderMarkdown, type RenderContext } from './report/markdown.js';
import type { Report } from './report/types.js';
import { loadOrt, ortModuleUrl } from './runtime/ort.js';
import { runComparison, runCommandComparison } from './workload/benchmark.js';
import { readWorkloadOptions } from './workload/inputs.js';
import type { BenchmarkResult } from './workload/types.js';

export interface EvaluateDeps {
  /** Folder that relative paths are resolved against. */
  cwd: string;
  logger: Logger;
  /** Context for the Markdown (run URL, SHA, marker id). */
  render?: Partial<RenderContext>;
  /** The base branch's report, for regression checks (the action finds it). */
  baseline?: Report | null;
  /** Why there is no baseline (shown in the skipped baseline check). */
  baselineNote?: string;
  /** HTTP for live grid-intensity APIs (a seam for tests). */
  fetch?: typeof fetch;
  /** Root of sysfs for RAPL (a seam for tests; also the `sysfs-root` input). */
  sysfsRoot?: string;
  env?: NodeJS.ProcessEnv;
}

export interface EvaluateResult {
  report: Report;
  markdown: string;
  files: ReportFiles;
}

export type { Report } from './report/types.js';
export type { InputValues } from './config/define.js';

/** Run the whole comparison described by `values` (validated inputs; see src/config/inputs.ts). */
export async function evaluate(values: InputValues, deps: EvaluateDeps): Promise<EvaluateResult> {
  const { logger } = deps;
  // Read every option first, so bad input fails before minutes of measuring.
  let workload = readWorkloadOptions(values);
  const commandMode = workload.mode === 'command';
  const core = readCoreOptions(values, deps.cwd, { commandMode });
  const power = readPowerOptions(values);
  const carbon = readCarbonOptions(values);
  const gate = readGateOptions(values);
  const evalOptions = readEvalOptions(values);
  const training = await loadTrainingCo2e(carbon.training, { cwd: deps.cwd });
  const warnings: string[] = [];
  const warn = (message: string) => {
    if (warnings.includes(message)) return;
    warnings.push(message);
    logger.warn(message);
  };

  const analyze = (path: string | null) =>
    path ? analyzeModel(path, { inputShapes: core.inputShapes, logger }) : null;
  const baseAnalysis = await analyze(core.basePath);
  const prunedAnalysis = await analyze(core.prunedPath);
  const comparison = baseAnalysis && prunedAnalysis ? compareModels(baseAnalysis, prunedAnalysis) : null;
  for (const a of [baseAnalysis, prunedAnalysis]) {
    for (const op of a?.unsupportedOps ?? []) {
      warn(
        `${relative(deps.cwd, a!.model.path)}: ${op.nodes} ${op.opType} node(s) not counted in MACs${op.reason ? ` (${op.reason})` : ''}`,
      );
    }
  }

  const { intensity, warnings: carbonWarnings } = await resolveIntensity(carbon, {
    fetch: deps.fetch,
    logger,
  });
  carbonWarnings.forEach(warn);

  const selection = await selectMeters(power, {
    sysfsRoot: deps.sysfsRoot ?? power.sysfsRoot,
    env: deps.env,
    logger,
  });
  const benchmarks: BenchmarkResult[] = [];
  let ortVersion: string | null = null;
  let accuracy: AccuracyResult | null = null;
  try {
    if (selection.active.every((m) => m.method === 'estimated')) {
      warn(
        `Energy is estimated (CPU time × TDP share, RAM by size): no meter could measure here. ` +
          `Skipped meters: ${selection.skipped.map((s) => `${s.id} — ${s.reason}`).join('; ')}.`,
      );
    }
    if (
      selection.active.some((m) => m.method === 'measured') &&
      workload.minWindowS < MIN_MEASURED_WINDOW_S
    ) {
      logger.info(
        `Windows lengthened from ${workload.minWindowS} s to ${MIN_MEASURED_WINDOW_S} s so the measuring meters resolve them (min-window-s).`,
      );
      workload = { ...workload, minWindowS: MIN_MEASURED_WINDOW_S };
    }
    const ort = commandMode ? null : await loadOrt();
    ortVersion = ort?.env.versions?.node ?? null;
    for (const batchSize of commandMode ? [1] : workload.batchSizes) {
      logger.info(
        `Benchmarking ${commandMode ? 'the commands' : `batch size ${batchSize}`} (interleaved rounds)…`,
      );
      const result = commandMode
        ? await runCommandComparison({ options: workload, meters: selection.active, logger, cwd: deps.cwd })
        : await runComparison({
            ort: ort!,
            base: { path: core.basePath!, inputs: baseAnalysis!.model.inputs },
            pruned: { path: core.prunedPath!, inputs: prunedAnalysis!.model.inputs },
            inputShapes: core.inputShapes,
            batchSize,
            options: workload,
            meters: selection.active,
            logger,
            cwd: deps.cwd,
            ortUrl: ortModuleUrl() ?? undefined,
          });
      result.warnings.forEach(warn);
      benchmarks.push(result);
    }
    if (evalOptions && ort && core.basePath && core.prunedPath) {
      logger.info('Evaluating accuracy on the same samples for both models…');
      // The same provider and settings as the benchmark, so both see the same numerics.
      accuracy = await evaluateAccuracy({
        ort,
        basePath: core.basePath,
        prunedPath: core.prunedPath,
        options: evalOptions,
        sessionOptions: {
          executionProviders: [benchmarks[0]?.executionProvider ?? workload.executionProvider],
          graphOptimizationLevel: workload.graphOptimizationLevel,
          ...(workload.intraOpThreads > 0 ? { intraOpNumThreads: workload.intraOpThreads } : {}),
        },
        logger,
        cwd: deps.cwd,
      });
      accuracy.warnings.forEach(warn);
    }
  } finally {
    await Promise.all(selection.active.map((m) => m.close().catch(() => undefined)));
  }

  const hardware = await hardwareSummary({ env: deps.env });
  const report = assembleReport({
    cwd: deps.cwd,
    core,
    workload,
    carbon,
    training,
    baseAnalysis,
    prunedAnalysis,
    comparison,
    benchmarks,
    accuracy,
    selection,
    intensity,
    hardware,
    ortVersion,
    warnings,
  });
  for (const role of ['base', 'pruned'] as const) {
    for (const note of report.models[role].energyJ.notes) logger.debug(`energy (${role}): ${note}`);
  }
  report.gate = evaluateGate(report, gate, deps.baseline ?? null, deps.baselineNote);

  const markdown = renderMarkdown(report, { markerId: 'default', ...deps.render });
  // The files are written before anything that can fail afterwards (publishing, exit codes).
  const files = await writeReportFiles(core.outDir, {
    report,
    markdown,
    emissionsCsv: buildEmissionsCsv(benchmarks, { intensity, carbon, hardware, runId: randomUUID() }),
    samples: benchmarks.map((b) => ({
      batchSize: b.batchSize,
      idle: b.idle,
      base: { latencyMs: b.base.latencyMs, windows: b.base.windows },
      pruned: { latencyMs: b.pruned.latencyMs, windows: b.pruned.windows },
    })),
  });
  return { report, markdown, files };
}
