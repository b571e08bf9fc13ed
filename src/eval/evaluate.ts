/**
 * `evaluateAccuracy`: BASE and PRUNED on the same eval samples, in the same order; metrics per
 * model, agreement, and a paired-bootstrap interval of PRUNED − BASE for every metric.
 */
import type { InferenceSession } from 'onnxruntime-common';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import type { OrtModule } from '../runtime/ort.js';
import { loadEvalData, selectSamples, subsetIndices } from './data/load.js';
import { agreement, looksLikeProbabilities, type OutputKind } from './metrics/agreement.js';
import { runModel } from './run.js';
import {
  LOWER_IS_BETTER,
  PRIMARY,
  scoreBinary,
  scoreClassification,
  scoreRegression,
  type Scored,
} from './score.js';
import type {
  AccuracyDrop,
  AccuracyResult,
  EvalData,
  EvalOptions,
  MetricDifference,
  ModelOutputs,
} from './types.js';
import { mcnemarExactP, pairedBootstrap } from './uncertainty.js';

export interface EvaluateAccuracyOptions {
  ort: OrtModule;
  basePath: string;
  prunedPath: string;
  options: EvalOptions;
  /** onnxruntime session options for both models (execution provider, threads). */
  sessionOptions?: InferenceSession.SessionOptions;
  logger?: Logger;
  /** Directory that relative eval paths are resolved against (default: the process's). */
  cwd?: string;
}

function outputKind(options: EvalOptions, base: ModelOutputs, pruned: ModelOutputs): OutputKind {
  if (options.task === 'regression') return 'values';
  if (options.outputsAre !== 'auto') return options.outputsAre;
  return looksLikeProbabilities(base) && looksLikeProbabilities(pruned) ? 'probabilities' : 'logits';
}

function score(
  options: EvalOptions,
  outputs: ModelOutputs,
  data: EvalData,
  kind: OutputKind,
  outputName: string,
): Scored {
  const labelsFile = options.labelsPath !== undefined;
  if (options.task === 'classification')
    return scoreClassification(outputs, data, options.topK, outputName, labelsFile);
  if (options.task === 'binary') return scoreBinary(outputs, data, kind, outputName, labelsFile);
  return scoreRegression(outputs, data, outputName, labelsFile);
}

/** Metric values without NaN (JSON has no NaN); dropped metrics are named in `warnings`. */
function finite(metrics: Record<string, number>, warnings: string[], model: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(metrics)) {
    if (Number.isFinite(value)) out[name] = value;
    else
      warnings.push(
        `${model}: ${name} is undefined on this eval set (e.g. ROC-AUC with one class) and was left out.`,
      );
  }
  return out;
}

/** Drops noise from float arithmetic (and −0), so identical models read exactly 0. */
const tidy = (x: number): number => Math.round(x * 1e9) / 1e9 + 0;

/** The drop of the primary metric: positive = PRUNED worse; percentage points for fractions. */
function dropOf(
  difference: MetricDifference,
  baseCorrect?: Uint8Array,
  prunedCorrect?: Uint8Array,
): AccuracyDrop {
  const lower = LOWER_IS_BETTER.has(difference.metric);
  const sign = lower ? 1 : -1;
  const scale = lower ? 1 : 100;
  const ends = difference.ci.map((v) => tidy(sign * v * scale));
  const ci: [number, number] = [Math.min(...ends), Math.max(...ends)];
  const drop: AccuracyDrop = {
    metric: difference.metric,
    value: tidy(sign * difference.difference * scale),
    ci,
    unit: lower ? 'units' : 'pp',
    significant: ci[0] > 0,
  };
  if (baseCorrect && prunedCorrect) {
    let onlyBase = 0;
    let onlyPruned = 0;
    baseCorrect.forEach((b, n) => {
      if (b && !prunedCorrect[n]) onlyBase++;
      else if (!b && prunedCorrect[n]) onlyPruned++;
    });
    drop.mcnemarP = mcnemarExactP(onlyBase, onlyPruned);
  }
  return drop;
}

/** Evaluates both models on the eval set; every user mistake is a `UserError` (exit 2). */
export async function evaluateAccuracy(opts: EvaluateAccuracyOptions): Promise<AccuracyResult> {
  const { ort, basePath, prunedPath, options, sessionOptions, logger } = opts;
  const warnings: string[] = [];
  let data = await loadEvalData(options, opts.cwd);
  if (options.maxSamples !== undefined && options.maxSamples < data.count) {
    data = selectSamples(data, subsetIndices(data.count, options.maxSamples, options.seed));
    logger?.info(
      `Accuracy: a seeded subset of ${data.count} samples (max-samples, eval-seed ${options.seed}).`,
    );
  }
  logger?.info(`Accuracy: evaluating BASE and PRUNED on ${data.count} samples from ${data.source}.`);
  const base = await runModel(ort, basePath, data, options, sessionOptions);
  const pruned = await runModel(ort, prunedPath, data, options, sessionOptions);
  if (base.outputs.width !== pruned.outputs.width) {
    throw new UserError(
      `output '${base.outputName}' has ${base.outputs.width} values per sample in ${basePath} but ${pruned.outputs.width} in ${prunedPath}; the models must produce the same outputs.`,
      { input: 'output-name' },
    );
  }
  const kind = outputKind(options, base.outputs, pruned.outputs);
  const result: AccuracyResult = {
    task: options.task,
    samples: data.count,
    labelled: data.labels !== undefined,
    base: {},
    pruned: {},
    differences: [],
    agreement: agreement(base.outputs, pruned.outputs, kind),
    outputName: base.outputName,
    outputsAre: kind,
    source: data.source,
    warnings,
  };
  if (!data.labels) {
    warnings.push(`${data.source} has no labels: only the agreement between BASE and PRUNED is reported.`);
    return result;
  }
  const scoredBase = score(options, base.outputs, data, kind, base.outputName);
  const scoredPruned = score(options, pruned.outputs, data, kind, base.outputName);
  result.base = finite(scoredBase.metrics(), warnings, 'BASE');
  result.pruned = finite(scoredPruned.metrics(), warnings, 'PRUNED');
  const intervals = pairedBootstrap(data.count, scoredBase.metrics, scoredPruned.metrics, {
    resamples: options.resamples,
    confidence: options.confidence,
    seed: options.seed,
  });
  result.differences = Object.entries(intervals).map(([metric, { difference, ci }]) => ({
    metric,
    base: result.base[metric],
    pruned: result.pruned[metric],
    difference,
    ci,
    confidence: options.confidence,
    method: 'paired-bootstrap' as const,
  }));
  const primary = result.differences.find((d) => d.metric === PRIMARY[options.task]);
  if (primary) {
    result.primaryMetric = primary.metric;
    result.drop = dropOf(primary, scoredBase.correct, scoredPruned.correct);
  }
  if (scoredBase.perClassRecall && scoredPruned.perClassRecall) {
    result.perClassRecall = { base: scoredBase.perClassRecall, pruned: scoredPruned.perClassRecall };
  }
  return result;
}
