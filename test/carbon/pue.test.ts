import { describe, expect, it } from 'vitest';
import { readCarbonOptions } from '../../src/carbon/inputs.js';
import { resolveIntensity } from '../../src/carbon/intensity.js';
import { TYPICAL_PUE, cloudPueWarning } from '../../src/carbon/pue.js';

describe('PUE', () => {
  const cases = [
    { what: 'self-hosted, PUE 1.0: no warning', pue: 1, provider: undefined, warns: false },
    {
      what: 'aws with PUE 1.0: warning with the typical value',
      pue: 1,
      provider: 'aws' as const,
      warns: true,
    },
    { what: 'gcp with its PUE set: no warning', pue: 1.1, provider: 'gcp' as const, warns: false },
  ];
  it.each(cases)('$what', ({ pue, provider, warns }) => {
    const warning = cloudPueWarning(pue, provider);
    expect(warning !== undefined).toBe(warns);
    if (provider && warns) expect(warning).toMatch(new RegExp(`Set pue: ${TYPICAL_PUE[provider].pue}`));
  });

  it('is applied and shown with the intensity', async () => {
    const { intensity, warnings } = await resolveIntensity(
      readCarbonOptions({
        'carbon-intensity': 200,
        pue: 1.4,
        'cloud-provider': 'azure',
        'cloud-region': 'westeurope',
      }),
    );
    expect(intensity.pue).toBe(1.4);
    expect(warnings).toEqual([]);
  });

  it('typical values are plausible and carry a source', () => {
    for (const { pue, source } of Object.values(TYPICAL_PUE)) {
      expect(pue).toBeGreaterThan(1);
      expect(pue).toBeLessThan(2);
      expect(source.length).toBeGreaterThan(10);
    }
  });
});
