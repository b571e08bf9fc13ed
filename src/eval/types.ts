/**
 * Accuracy evaluation: types shared by the data loaders, metrics and `evaluateAccuracy`.
 *
 * Glossary: a *sample* is one row of the eval set (one model input per model input name); *points*
 * (pp) are percentage points of a metric expressed as a fraction (0.8725 → 87.25%); the
 * *difference* is PRUNED − BASE, the *drop* is BASE − PRUNED for higher-is-better metrics
 * (PRUNED − BASE for errors), so a positive drop is always "PRUNED got worse".
 */

export type Task = 'classification' | 'binary' | 'regression';
export type OutputsAre = 'logits' | 'probabilities' | 'auto';

/** What `readEvalOptions` returns when `eval-data` is given. */
export interface EvalOptions {
  /** `eval-data`: .npy, .npz, .jsonl/.ndjson or .csv (relative to the working directory). */
  dataPath: string;
  /** `eval-labels`: labels as .npy (or .jsonl/.csv with a `label` field/column) when not in `dataPath`. */
  labelsPath?: string;
  task: Task;
  /** `output-name`: model output to score; default the model's first output. */
  outputName?: string;
  /** `input-name`: model input the data feeds when the file holds one unnamed array. */
  inputName?: string;
  /** `top-k`: k for top-k accuracy (classification), capped at the number of classes. Default 5. */
  topK: number;
  /** `max-samples`: evaluate a seeded random subset of this many samples (kept in file order). */
  maxSamples?: number;
  /** `eval-seed`: seed of the subset and of the bootstrap. */
  seed: number;
  /** `eval-batch-size`: samples per `session.run`. */
  batchSize: number;
  /** `outputs-are`: how to read classification outputs; `auto` checks whether rows are probabilities. */
  outputsAre: OutputsAre;
  /** Confidence level of the interval of the difference (0.95). */
  confidence: number;
  /** Paired bootstrap resamples (2000). */
  resamples: number;
}

/** One model input's data: all samples, C order; `sampleShape` excludes the batch dimension. */
export interface InputColumn {
  /** Float32Array when the file stored float32/float16 (half the memory), else Float64Array. */
  data: Float32Array | Float64Array;
  sampleShape: number[];
}

/** A loaded eval set. `inputs` keys are model input names, or `''` for "the single input". */
export interface EvalData {
  count: number;
  inputs: Map<string, InputColumn>;
  /** One label per sample (class index, 0/1, or target value); absent when the set has no labels. */
  labels?: Float64Array;
  /** Regression targets with several values per sample: [count, targetSize]. */
  targetSize?: number;
  /** Where it came from, for messages. */
  source: string;
}

/** Raw outputs of one model: [count, width] row-major, the output's trailing dims flattened. */
export interface ModelOutputs {
  values: Float64Array;
  count: number;
  width: number;
}

/** Agreement between BASE and PRUNED outputs; needs no labels. */
export interface Agreement {
  /** Share of samples with the same arg-max class (classification) or the same thresholded class (binary). */
  top1?: number;
  meanAbsDiff: number;
  maxAbsDiff: number;
  /** Mean KL(BASE ‖ PRUNED) of softmax (or given) probabilities, nats (classification, binary). */
  klDivergence?: number;
}

/** An interval for PRUNED − BASE of one metric, in the metric's units (fractions for accuracy). */
export interface MetricDifference {
  metric: string;
  base: number;
  pruned: number;
  difference: number;
  ci: [number, number];
  confidence: number;
  method: 'paired-bootstrap';
}

/** The figure the gate's `max-accuracy-drop-pct` check uses. */
export interface AccuracyDrop {
  metric: string;
  /** Positive = PRUNED worse, percentage points (or metric units for regression errors). */
  value: number;
  ci: [number, number];
  unit: 'pp' | 'units';
  /** True when the interval excludes 0 on the "worse" side. */
  significant: boolean;
  /** McNemar's exact two-sided p-value on the per-sample correctness (classification, binary). */
  mcnemarP?: number;
}

export interface AccuracyResult {
  task: Task;
  samples: number;
  /** True when labels were given; otherwise only `agreement` is filled. */
  labelled: boolean;
  /** Metric name → value, for `ModelReport.accuracy` (fractions 0–1; MAE/RMSE in target units). */
  base: Record<string, number>;
  pruned: Record<string, number>;
  /** Main metric: `top1`, `accuracy` (binary) or `mae`. */
  primaryMetric?: string;
  /** PRUNED − BASE with a paired-bootstrap interval, per metric. */
  differences: MetricDifference[];
  drop?: AccuracyDrop;
  agreement: Agreement;
  /** Per-class recall of each model when there are at most 20 classes; null for a class with no samples. */
  perClassRecall?: { base: (number | null)[]; pruned: (number | null)[] };
  outputName: string;
  outputsAre: 'logits' | 'probabilities' | 'values';
  source: string;
  warnings: string[];
}
