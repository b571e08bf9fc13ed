import { describe, expect, it } from 'vitest';
import { evaluateGate, gateFailureMessage } from '../../src/gate/evaluate.js';
import { gateInputs, readGateOptions } from '../../src/gate/inputs.js';
import { valuesOf } from '../helpers/input-values.js';
import type { Report } from '../../src/report/types.js';
import { fixtureReport, withEnergySavings } from '../helpers/report-fixture.js';

const none = { 'max-savings-regression-pct': undefined, 'warn-max-savings-regression-pct': undefined };

/** The fixture saves 41% energy (interval 38.1…43.9%), 58% sparse MACs, 12% p50 latency (9.8…13.9%). */
describe('evaluateGate: thresholds against the interval', () => {
  const cases: {
    what: string;
    inputs: Record<string, number>;
    report?: Report;
    status: string;
    message?: RegExp;
  }[] = [
    { what: 'energy well above min', inputs: { 'min-energy-savings-pct': 20 }, status: 'pass' },
    {
      what: 'energy interval entirely below min',
      inputs: { 'min-energy-savings-pct': 50 },
      status: 'fail',
      message:
        /energy savings 41% \(interval 38\.1% … 43\.9%\) is below the fail threshold 50%; the whole interval is below it/,
    },
    {
      what: 'energy point below min, interval straddles',
      inputs: { 'min-energy-savings-pct': 42 },
      status: 'warn',
      message: /within measurement noise/,
    },
    {
      what: 'energy below warn only',
      inputs: { 'min-energy-savings-pct': 30, 'warn-min-energy-savings-pct': 45 },
      status: 'warn',
      message: /below the warn threshold 45%/,
    },
    {
      what: 'exact MACs below min fails',
      inputs: { 'min-macs-reduction-pct': 60 },
      status: 'fail',
      message: /sparse MACs reduction 58% \(exact\)/,
    },
    { what: 'exact MACs above min', inputs: { 'min-macs-reduction-pct': 50 }, status: 'pass' },
    {
      what: 'latency improvement vs max regression 0',
      inputs: { 'max-latency-regression-pct': 0 },
      status: 'pass',
    },
    {
      what: 'demanding a 20% speed-up fails',
      inputs: { 'max-latency-regression-pct': -20 },
      status: 'fail',
      message: /p50 latency increase −?-?11\.9%/,
    },
    {
      what: 'accuracy drop 0.7 pp over 0.5 pp',
      inputs: { 'max-accuracy-drop-pct': 0.5 },
      status: 'fail',
      message: /accuracy drop \(top1\) 0\.7 pp/,
    },
    { what: 'accuracy drop within 1 pp', inputs: { 'max-accuracy-drop-pct': 1 }, status: 'pass' },
    {
      what: 'co2e per 1M above max',
      inputs: { 'max-co2e-per-1m-g': 10 },
      status: 'fail',
      message: /CO2e per 1M inferences 55\.4 g/,
    },
    { what: 'co2e per 1M within max', inputs: { 'max-co2e-per-1m-g': 100 }, status: 'pass' },
    {
      what: 'energy not measured',
      inputs: { 'min-energy-savings-pct': 20 },
      report: fixtureReport({
        deltas: {
          energyPerInference: {
            ratio: null,
            change: null,
            verdict: 'not-measured',
            base: null,
            pruned: null,
            unit: 'J',
            lowerIsBetter: true,
          },
        },
      }),
      status: 'skip',
    },
    {
      what: 'no accuracy',
      inputs: { 'max-accuracy-drop-pct': 1 },
      report: fixtureReport({ models: { base: { accuracy: undefined }, pruned: { accuracy: undefined } } }),
      status: 'skip',
    },
  ];
  it.each(cases)('$what → $status', ({ inputs, report, status, message }) => {
    const result = evaluateGate(
      report ?? fixtureReport(),
      readGateOptions(valuesOf(gateInputs, { ...none, ...inputs })),
    );
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0].status).toBe(status);
    if (message) expect(result.checks[0].message.replace(/\u2212/g, '-')).toMatch(message);
    expect(result.passed).toBe(status !== 'fail');
  });

  it('uses the accuracy module’s drop (paired-bootstrap interval) when the report has one', () => {
    const report = fixtureReport();
    report.accuracy = {
      drop: { metric: 'top1', value: 2.5, ci: [1.2, 3.8], unit: 'pp', significant: true },
    } as unknown as Report['accuracy'];
    const fail = evaluateGate(
      report,
      readGateOptions(valuesOf(gateInputs, { ...none, 'max-accuracy-drop-pct': 1 })),
    );
    expect(fail.checks[0]).toMatchObject({ status: 'fail', name: 'accuracy drop (top1)' });
    expect(fail.checks[0].message).toBe(
      'accuracy drop (top1) 2.5 pp (interval 1.2 pp … 3.8 pp) is above the fail threshold 1 pp; the whole interval is above it.',
    );
    const noise = evaluateGate(
      report,
      readGateOptions(valuesOf(gateInputs, { ...none, 'max-accuracy-drop-pct': 2 })),
    );
    expect(noise.checks[0].status).toBe('warn');
  });

  it('no thresholds → no checks, passed', () => {
    expect(evaluateGate(fixtureReport(), readGateOptions(valuesOf(gateInputs, none)))).toEqual({
      passed: true,
      enforced: true,
      checks: [],
    });
  });

  it('advisory gate keeps failures but is not enforced', () => {
    const r = evaluateGate(
      fixtureReport(),
      readGateOptions(
        valuesOf(gateInputs, { ...none, 'min-energy-savings-pct': 90, 'fail-on-regression': false }),
      ),
    );
    expect(r).toMatchObject({ passed: false, enforced: false });
    expect(gateFailureMessage(r)).toMatch(/^carbon-delta gate failed: energy savings 41%/);
  });
});

describe('evaluateGate: savings regression vs base branch', () => {
  const options = readGateOptions(valuesOf(gateInputs)); // defaults: fail > 5 pp, warn > 2 pp
  const cases = [
    { what: 'same savings', base: [0.41, 0.029], cur: [0.41, 0.029], status: 'pass' },
    { what: '41% → 30%, tight intervals', base: [0.41, 0.02], cur: [0.3, 0.02], status: 'fail' },
    { what: '41% → 34%, wide intervals (noise)', base: [0.41, 0.06], cur: [0.34, 0.06], status: 'warn' },
    { what: '41% → 38% (3 pp, above warn)', base: [0.41, 0.01], cur: [0.38, 0.01], status: 'warn' },
    { what: 'savings improved', base: [0.3, 0.02], cur: [0.41, 0.02], status: 'pass' },
  ];
  it.each(cases)('$what → $status', ({ base, cur, status }) => {
    const baseline = withEnergySavings(fixtureReport(), base[0], base[1]);
    const report = withEnergySavings(fixtureReport(), cur[0], cur[1]);
    const result = evaluateGate(report, options, baseline);
    expect(result.checks.map((c) => c.status)).toEqual([status]);
    expect(result.checks[0].message).toContain(`energy savings ${Math.round(base[0] * 100)}%`);
  });

  it('says how much, with both intervals, when it fails', () => {
    const r = evaluateGate(
      withEnergySavings(fixtureReport(), 0.3, 0.02),
      options,
      withEnergySavings(fixtureReport(), 0.41, 0.02),
    );
    expect(r.passed).toBe(false);
    expect(r.checks[0].message).toMatch(
      /energy savings 41% ±2 → 30% ±2\) 11 pp \(interval 8\.17 pp … 13\.8 pp\) is above the fail threshold 5 pp/,
    );
  });

  it('absent baseline → skip with the reason', () => {
    const r = evaluateGate(
      fixtureReport(),
      options,
      null,
      'No successful run of ci.yml on main has the artifact.',
    );
    expect(r.checks[0]).toMatchObject({
      status: 'skip',
      message: 'No successful run of ci.yml on main has the artifact.',
    });
    expect(r.passed).toBe(true);
    expect(evaluateGate(fixtureReport(), options).checks[0].status).toBe('skip');
  });

  it('estimated vs measured energy falls back to MACs', () => {
    const baseline = fixtureReport({ models: { base: { energyJ: { method: 'estimated' } } } });
    const r = evaluateGate(fixtureReport(), options, baseline);
    expect(r.checks[0].message).toContain('sparse MACs reduction 58% → 58%');
    expect(r.checks[0].status).toBe('pass');
  });
});
