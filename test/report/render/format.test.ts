import { describe, expect, it } from 'vitest';
import { escapeText, sanitizeMarkerId } from '../../../src/report/render/escape.js';
import * as fmt from '../../../src/report/render/format.js';

describe('number formatting', () => {
  const cases: { what: string; fn: (x: number) => string; input: number; expected: string }[] = [
    { what: 'small count', fn: fmt.count, input: 950, expected: '950' },
    { what: 'k', fn: fmt.count, input: 1234, expected: '1.23k' },
    { what: 'M', fn: fmt.count, input: 45_600_000, expected: '45.6M' },
    { what: 'G', fn: fmt.count, input: 1_814_000_000, expected: '1.81G' },
    { what: 'rounding up to the next prefix', fn: fmt.count, input: 999_999, expected: '1M' },
    { what: 'negative count', fn: fmt.count, input: -2500, expected: '−2.5k' },
    { what: 'bytes', fn: fmt.bytes, input: 512, expected: '512 B' },
    { what: 'MiB', fn: fmt.bytes, input: 46_830_000, expected: '44.7 MiB' },
    { what: 'µs', fn: fmt.durationMs, input: 0.183, expected: '183 µs' },
    { what: 'ms', fn: fmt.durationMs, input: 4.12, expected: '4.12 ms' },
    { what: 's', fn: fmt.durationMs, input: 64_200, expected: '64.2 s' },
    { what: 'mJ', fn: fmt.energyJ, input: 0.7413, expected: '741 mJ' },
    { what: 'kJ', fn: fmt.energyJ, input: 1500, expected: '1.5 kJ' },
    { what: 'µg', fn: fmt.massG, input: 9.39e-5, expected: '93.9 µg' },
    { what: 'kg', fn: fmt.massG, input: 2100, expected: '2.1 kg' },
    { what: 't', fn: fmt.massG, input: 9_390_000, expected: '9.39 t' },
    { what: 'signed pct', fn: fmt.signedPct, input: -0.412, expected: '−41.2%' },
    { what: 'positive pct', fn: fmt.signedPct, input: 0.05, expected: '+5%' },
    { what: 'headline pct ≥ 10', fn: fmt.roundPct, input: 0.4123, expected: '41%' },
    { what: 'headline pct < 10', fn: fmt.roundPct, input: 0.029, expected: '2.9%' },
    { what: 'zero', fn: fmt.sig, input: 0, expected: '0' },
  ];
  it.each(cases)('$what: $input → $expected', ({ fn, input, expected }) => {
    expect(fn(input)).toBe(expected);
  });
});

describe('escaping', () => {
  const cases = [
    { input: '<script>alert(1)</script>', expected: '&lt;script&gt;alert(1)&lt;/script&gt;' },
    {
      input: '**x** _y_ `z` ~~s~~ [a](b)',
      expected: '\\*\\*x\\*\\* \\_y\\_ \\`z\\` \\~\\~s\\~\\~ \\[a\\](b)',
    },
    { input: 'a | b', expected: 'a &#124; b' },
    { input: '@org/team', expected: '&#64;org/team' },
    { input: 'line\nbreak\r\n\tend', expected: 'line break end' },
    { input: 'x'.repeat(200), expected: `${'x'.repeat(119)}…` },
  ];
  it.each(cases)('$input', ({ input, expected }) => {
    expect(escapeText(input)).toBe(expected);
  });

  it('marker ids cannot close the HTML comment', () => {
    expect(sanitizeMarkerId('gpu-a100')).toBe('gpu-a100');
    expect(sanitizeMarkerId('x --><img>')).toBe('x-----img-');
    expect(sanitizeMarkerId('')).toBe('default');
  });
});
