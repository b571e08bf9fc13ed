import { describe, expect, it } from 'vitest';
import { renderHeadline } from '../../src/report/render/headline.js';
import type { AccuracyTradeOff, Report } from '../../src/report/types.js';
import { fixtureReport } from '../helpers/report-fixture.js';

const withTradeOff = (t: AccuracyTradeOff): Report => ({ ...fixtureReport(), tradeOff: t });

describe('headline trade-off', () => {
  it.each([
    {
      what: 'a loss within noise',
      tradeOff: {
        metric: 'top1',
        dropPoints: 0.75,
        dropCi: [-3, 4.5],
        significant: false,
        co2eSavedGPer1M: 3.84,
        gPer1MPerPoint: 5.12,
        text: '5.12 g CO2e saved per 1M inferences per top1 point lost',
      },
      expected:
        '; top1 −0.75 pt (−4.50…+3.00, within noise): 5.12 g CO2e saved per 1M inferences per top1 point lost',
    },
    {
      what: 'a significant loss',
      tradeOff: {
        metric: 'top1',
        dropPoints: 2,
        dropCi: [1, 3],
        significant: true,
        co2eSavedGPer1M: 40,
        gPer1MPerPoint: 20,
        text: '20.0 g CO2e saved per 1M inferences per top1 point lost',
      },
      expected: '; top1 −2.00 pt (−3.00…−1.00, significant): 20.0 g',
    },
    {
      what: 'no loss',
      tradeOff: {
        metric: 'top1',
        dropPoints: -0.5,
        dropCi: [-1, 0],
        significant: false,
        co2eSavedGPer1M: 40,
        gPer1MPerPoint: null,
        text: 'no top1 lost',
      },
      expected: '; top1 +0.50 pt (±0.00…+1.00, within noise)',
    },
  ])('$what', ({ tradeOff, expected }) => {
    const line = renderHeadline(withTradeOff(tradeOff as AccuracyTradeOff));
    expect(line).toContain(expected);
    expect(line.split('\n')).toHaveLength(1);
  });

  it('is absent without accuracy', () => {
    expect(renderHeadline(fixtureReport())).not.toContain(' pt (');
  });
});
