import { describe, expect, it } from 'vitest';
import { agreement, klDivergence, looksLikeProbabilities } from '../../src/eval/metrics/agreement.js';
import { binaryAccuracy, binaryF1, binarySample, rocAuc } from '../../src/eval/metrics/binary.js';
import {
  classificationSample,
  inTopK,
  macroF1,
  perClassRecall,
  top1Accuracy,
  topKAccuracy,
} from '../../src/eval/metrics/classification.js';
import { regressionErrors } from '../../src/eval/metrics/regression.js';
import { carbonPerAccuracyPoint } from '../../src/eval/tradeoff.js';
import { mcnemarExactP, pairedBootstrap } from '../../src/eval/uncertainty.js';

// Six samples, three classes; sample 3 ties classes 0 and 1 (arg-max takes the lower index).
// Predictions 0,1,1,0,2,0 against labels 0,0,1,1,2,2: tp 1/1/1, fp 2/1/0, fn 1/1/1.
const SCORES = [
  [0.9, 0.05, 0.05],
  [0.2, 0.7, 0.1],
  [0.1, 0.8, 0.1],
  [0.5, 0.5, 0.0],
  [0.3, 0.3, 0.4],
  [0.6, 0.1, 0.3],
];
const LABELS = Int32Array.from([0, 0, 1, 1, 2, 2]);
const F1 = (0.4 + 0.5 + 2 / 3) / 3;

describe('classification metrics (hand-computed)', () => {
  it.each([
    { what: 'k=1 equals top-1', k: 1, top1: 0.5, topK: 0.5 },
    { what: 'k=2 finds every label (the tie ranks class 1 second)', k: 2, top1: 0.5, topK: 1 },
  ])('$what', ({ k, top1, topK }) => {
    const s = classificationSample(SCORES.flat(), 3, LABELS, k);
    expect(Array.from(s.predictions)).toEqual([0, 1, 1, 0, 2, 0]);
    expect(top1Accuracy(s)).toBe(top1);
    expect(topKAccuracy(s)).toBe(topK);
    expect(macroF1(s)).toBeCloseTo(F1, 12);
    expect(perClassRecall(s)).toEqual([0.5, 0.5, 0.5]);
  });

  it('ties in top-k rank by index: a tied label with a higher index is outside k=1', () => {
    expect(inTopK([0.5, 0.5, 0], 0, 3, 0, 1)).toBe(true);
    expect(inTopK([0.5, 0.5, 0], 0, 3, 1, 1)).toBe(false);
    expect(inTopK([0.5, 0.5, 0], 0, 3, 1, 2)).toBe(true);
  });

  it('an empty class (never labelled, never predicted) is left out of macro-F1; its recall is null', () => {
    const padded = SCORES.flatMap((row) => [...row, -1]);
    const s = classificationSample(padded, 4, LABELS, 1);
    expect(macroF1(s)).toBeCloseTo(F1, 12);
    expect(perClassRecall(s)).toEqual([0.5, 0.5, 0.5, null]);
  });

  it('a class predicted but never labelled counts with F1 = 0', () => {
    // labels 0,0,0; predictions 0,0,1 → F1(0) = 4/5, F1(1) = 0.
    const s = classificationSample([1, 0, 1, 0, 0, 1], 2, Int32Array.from([0, 0, 0]), 1);
    expect(top1Accuracy(s)).toBeCloseTo(2 / 3, 12);
    expect(macroF1(s)).toBeCloseTo(0.4, 12);
    expect(perClassRecall(s)).toEqual([2 / 3, null]);
  });

  it('a single class, all right: accuracy 1, macro-F1 1', () => {
    const s = classificationSample([3, 1, 2, 1], 2, Int32Array.from([0, 0]), 1);
    expect([top1Accuracy(s), macroF1(s)]).toEqual([1, 1]);
  });

  it('weights act as sample multiplicities', () => {
    const s = classificationSample(SCORES.flat(), 3, LABELS, 1);
    // Sample 0 (right) three times, sample 1 (wrong) once, the rest dropped.
    expect(top1Accuracy(s, [3, 1, 0, 0, 0, 0])).toBe(0.75);
  });
});

describe('binary metrics (hand-computed)', () => {
  // Positives score 0.9, 0.8, 0.2; negatives 0.8, 0.3. Pairs won: 1 + 1 + 0.5 (tie) + 1 + 0 + 0 of 6.
  const s = binarySample(Float64Array.from([0.9, 0.8, 0.8, 0.3, 0.2]), Uint8Array.from([1, 1, 0, 0, 1]), 0.5);
  it('accuracy, F1 and ROC-AUC with a tie', () => {
    expect(binaryAccuracy(s)).toBeCloseTo(0.6, 12);
    expect(binaryF1(s)).toBeCloseTo(2 / 3, 12);
    expect(rocAuc(s)).toBeCloseTo(3.5 / 6, 12);
  });
  it('ROC-AUC is NaN with a single class, F1 NaN with no positives at all', () => {
    const one = binarySample(Float64Array.from([0.1, 0.2]), Uint8Array.from([0, 0]), 0.5);
    expect(rocAuc(one)).toBeNaN();
    expect(binaryF1(one)).toBeNaN();
    expect(binaryAccuracy(one)).toBe(1);
  });
  it('perfect ranking gives 1, reversed 0', () => {
    const labels = Uint8Array.from([1, 0]);
    expect(rocAuc(binarySample(Float64Array.from([0.9, 0.1]), labels, 0.5))).toBe(1);
    expect(rocAuc(binarySample(Float64Array.from([0.1, 0.9]), labels, 0.5))).toBe(0);
  });
});

describe('regression metrics', () => {
  it.each([
    {
      what: 'one target',
      preds: [1, 2, 3],
      targets: [1, 4, 0],
      width: 1,
      mae: 5 / 3,
      rmse: Math.sqrt(13 / 3),
    },
    {
      what: 'two targets per sample',
      preds: [0, 0, 1, 1],
      targets: [1, -1, 1, 3],
      width: 2,
      mae: 1,
      rmse: Math.sqrt(1.5),
    },
  ])('$what', ({ preds, targets, width, mae, rmse }) => {
    const e = regressionErrors(preds, targets, width);
    expect(e.mae).toBeCloseTo(mae, 12);
    expect(e.rmse).toBeCloseTo(rmse, 12);
  });
});

describe('agreement', () => {
  const out = (rows: number[][]) => ({
    values: Float64Array.from(rows.flat()),
    count: rows.length,
    width: rows[0].length,
  });
  it('crafted logits: one of two arg-maxes agree; KL of softmax([0,2]) vs softmax([2,0]) is 2·tanh(1)', () => {
    const a = agreement(
      out([
        [2, 0],
        [0, 2],
      ]),
      out([
        [2, 0],
        [2, 0],
      ]),
      'logits',
    );
    expect(a.top1).toBe(0.5);
    expect(a.meanAbsDiff).toBe(1);
    expect(a.maxAbsDiff).toBe(2);
    expect(a.klDivergence).toBeCloseTo((2 * Math.tanh(1)) / 2, 12);
  });
  it('identical outputs: full agreement, zero differences', () => {
    const o = out([
      [0.2, 0.8],
      [0.6, 0.4],
    ]);
    expect(agreement(o, o, 'probabilities')).toEqual({
      meanAbsDiff: 0,
      maxAbsDiff: 0,
      top1: 1,
      klDivergence: 0,
    });
  });
  it('a single binary logit agrees on the side of 0', () => {
    const a = agreement(out([[1], [-1], [0.5]]), out([[2], [1], [-0.5]]), 'logits');
    expect(a.top1).toBeCloseTo(1 / 3, 12);
  });
  it('regression values: differences only', () => {
    expect(agreement(out([[1], [2]]), out([[1.5], [2]]), 'values')).toEqual({
      meanAbsDiff: 0.25,
      maxAbsDiff: 0.5,
    });
  });
  it('KL divergence clips zero probabilities; probabilities are recognised', () => {
    expect(klDivergence([1, 0], [1, 0])).toBe(0);
    expect(Number.isFinite(klDivergence([0.5, 0.5], [1, 0]))).toBe(true);
    expect(looksLikeProbabilities(out([[0.2, 0.8]]))).toBe(true);
    expect(looksLikeProbabilities(out([[0.2, 0.7]]))).toBe(false);
    expect(looksLikeProbabilities(out([[2, -1]]))).toBe(false);
  });
});

describe('uncertainty', () => {
  it.each([
    { onlyBase: 0, onlyPruned: 0, p: 1 },
    { onlyBase: 5, onlyPruned: 0, p: 0.0625 },
    { onlyBase: 1, onlyPruned: 4, p: 0.375 },
    { onlyBase: 3, onlyPruned: 3, p: 1 },
  ])('McNemar exact: $onlyBase vs $onlyPruned discordant → p = $p', ({ onlyBase, onlyPruned, p }) => {
    expect(mcnemarExactP(onlyBase, onlyPruned)).toBeCloseTo(p, 12);
  });
  it('McNemar stays finite for thousands of discordant samples', () => {
    expect(mcnemarExactP(2000, 1000)).toBeLessThan(1e-20);
    expect(mcnemarExactP(1500, 1500)).toBeCloseTo(1, 6);
  });

  const mean = (values: number[]) => (w?: Float64Array) => {
    let s = 0;
    let t = 0;
    values.forEach((v, i) => {
      const x = w ? w[i] : 1;
      s += x * v;
      t += x;
    });
    return { m: s / t };
  };
  it('identical models: every resampled difference is exactly 0', () => {
    const values = [1, 0, 1, 1, 0, 1];
    const r = pairedBootstrap(6, mean(values), mean(values), { resamples: 200, confidence: 0.95, seed: 1 });
    expect(r.m).toEqual({ difference: 0, ci: [0, 0] });
  });
  it('a consistent drop gives an interval below 0; the same seed gives the same interval', () => {
    const base = Array.from({ length: 200 }, (_, i) => (i % 10 < 9 ? 1 : 0));
    const pruned = base.map((v, i) => (i % 5 === 0 ? 0 : v));
    const opts = { resamples: 500, confidence: 0.95, seed: 7 };
    const a = pairedBootstrap(200, mean(base), mean(pruned), opts);
    expect(a.m.difference).toBeCloseTo(-0.2, 12);
    expect(a.m.ci[1]).toBeLessThan(0);
    expect(a.m.ci[0]).toBeLessThan(a.m.difference);
    expect(pairedBootstrap(200, mean(base), mean(pruned), opts)).toEqual(a);
  });
});

describe('trade-off', () => {
  it.each([
    { saved: 120, drop: 2, value: 60, text: '60.0 g CO2e saved per 1M inferences per accuracy point lost' },
    {
      saved: 5000,
      drop: 0.5,
      value: 10000,
      text: '10000 g CO2e saved per 1M inferences per accuracy point lost',
    },
    { saved: 120, drop: 0, value: null, text: 'no accuracy lost' },
    { saved: 120, drop: -1.5, value: null, text: 'no accuracy lost' },
  ])('$saved g saved, $drop pp lost', ({ saved, drop, value, text }) => {
    expect(carbonPerAccuracyPoint(saved, drop)).toEqual({ gPer1MPerPoint: value, text });
  });
});
