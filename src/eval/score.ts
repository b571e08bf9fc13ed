/**
 * Turns model outputs and labels into weighted metric functions per task, after checking that the
 * labels fit the outputs. Metric names are the keys of `ModelReport.accuracy`:
 * classification `top1`, `top<k>`, `macroF1`; binary `accuracy`, `f1`, `rocAuc`; regression `mae`, `rmse`.
 */
import { UserError } from '../errors.js';
import { rowProbabilities, type OutputKind } from './metrics/agreement.js';
import { binaryAccuracy, binaryF1, binarySample, rocAuc } from './metrics/binary.js';
import {
  argmax,
  classificationSample,
  macroF1,
  perClassRecall,
  top1Accuracy,
  topKAccuracy,
} from './metrics/classification.js';
import { regressionErrors } from './metrics/regression.js';
import type { WeightedMetrics } from './uncertainty.js';
import type { EvalData, ModelOutputs, Task } from './types.js';

export interface Scored {
  metrics: WeightedMetrics;
  /** 1 where the model is right (classification, binary), for McNemar. */
  correct?: Uint8Array;
  perClassRecall?: (number | null)[];
}

export const LOWER_IS_BETTER = new Set(['mae', 'rmse']);
export const PRIMARY: Record<Task, string> = {
  classification: 'top1',
  binary: 'accuracy',
  regression: 'mae',
};

const labelInput = (data: EvalData, labelsFromFile: boolean) =>
  labelsFromFile ? 'eval-labels' : 'eval-data';

/** Class indices from labels (one per sample, or one-hot / probability rows of `classes`). */
function classLabels(data: EvalData, classes: number, outputName: string, labelsFile: boolean): Int32Array {
  const labels = data.labels!;
  const width = data.targetSize ?? 1;
  if (width > 1) {
    if (width !== classes) {
      throw new UserError(
        `label rows have ${width} values but output '${outputName}' has ${classes} classes.`,
        {
          input: labelInput(data, labelsFile),
        },
      );
    }
    return Int32Array.from({ length: data.count }, (_, n) => argmax(labels, n * width, width));
  }
  return Int32Array.from(labels, (label, n) => {
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new UserError(
        `label ${label} of sample ${n} is not a class index of output '${outputName}' (${classes} classes: 0–${classes - 1}). Use task regression for real-valued targets.`,
        { input: labelInput(data, labelsFile) },
      );
    }
    return label;
  });
}

export function scoreClassification(
  outputs: ModelOutputs,
  data: EvalData,
  topK: number,
  outputName: string,
  labelsFile: boolean,
): Scored {
  const classes = outputs.width;
  if (classes < 2) {
    throw new UserError(
      `output '${outputName}' has ${classes} value per sample; classification needs one score per class (use task binary for a single score).`,
      {
        input: 'task',
      },
    );
  }
  const labels = classLabels(data, classes, outputName, labelsFile);
  const k = Math.min(topK, classes);
  const sample = classificationSample(outputs.values, classes, labels, k);
  return {
    metrics: (w) => ({
      top1: top1Accuracy(sample, w),
      ...(k > 1 && { [`top${k}`]: topKAccuracy(sample, w) }),
      macroF1: macroF1(sample, w),
    }),
    correct: Uint8Array.from(labels, (label, n) => (sample.predictions[n] === label ? 1 : 0)),
    ...(classes <= 20 && { perClassRecall: perClassRecall(sample) }),
  };
}

/** P(positive) per sample from one score (sigmoid of a logit) or two class scores. */
export function positiveScores(outputs: ModelOutputs, kind: OutputKind, outputName: string): Float64Array {
  if (outputs.width > 2) {
    throw new UserError(
      `output '${outputName}' has ${outputs.width} values per sample; binary needs 1 or 2 (use task classification).`,
      {
        input: 'task',
      },
    );
  }
  return Float64Array.from({ length: outputs.count }, (_, n) => rowProbabilities(outputs, n, kind)[1]);
}

export function scoreBinary(
  outputs: ModelOutputs,
  data: EvalData,
  kind: OutputKind,
  outputName: string,
  labelsFile: boolean,
): Scored {
  const scores = positiveScores(outputs, kind, outputName);
  const labels = Uint8Array.from(data.labels!, (label, n) => {
    if (label !== 0 && label !== 1) {
      throw new UserError(`label ${label} of sample ${n} is not 0 or 1, as task binary needs.`, {
        input: labelInput(data, labelsFile),
      });
    }
    return label;
  });
  if ((data.targetSize ?? 1) !== 1) {
    throw new UserError(`task binary needs one 0/1 label per sample, got ${data.targetSize} per sample.`, {
      input: labelInput(data, labelsFile),
    });
  }
  const sample = binarySample(scores, labels, 0.5);
  return {
    metrics: (w) => ({
      accuracy: binaryAccuracy(sample, w),
      f1: binaryF1(sample, w),
      rocAuc: rocAuc(sample, w),
    }),
    correct: Uint8Array.from(labels, (label, n) => (sample.predictions[n] === label ? 1 : 0)),
  };
}

export function scoreRegression(
  outputs: ModelOutputs,
  data: EvalData,
  outputName: string,
  labelsFile: boolean,
): Scored {
  const width = data.targetSize ?? 1;
  if (outputs.width !== width) {
    throw new UserError(
      `output '${outputName}' has ${outputs.width} values per sample but the labels have ${width}.`,
      {
        input: labelInput(data, labelsFile),
      },
    );
  }
  const targets = data.labels!;
  return { metrics: (w) => regressionErrors(outputs.values, targets, width, w) };
}
