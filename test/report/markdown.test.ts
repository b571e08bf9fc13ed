import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/gate/evaluate.js';
import { gateInputs, readGateOptions } from '../../src/gate/inputs.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { RenderContext } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/types.js';
import { valuesOf } from '../helpers/input-values.js';
import { fixtureReport, withEnergySavings } from '../helpers/report-fixture.js';

const ctx: RenderContext = {
  markerId: 'default',
  runUrl: 'https://github.com/acme/vision/actions/runs/42',
  sha: 'abc1234def5678abc1234def5678abc1234def56',
  artifactUrl: 'https://github.com/acme/vision/actions/runs/42/artifacts/7',
};

function gated(report: Report, inputs: Record<string, number>, baseline: Report): Report {
  const gate = evaluateGate(report, readGateOptions(valuesOf(gateInputs, inputs)), baseline);
  return { ...report, gate };
}

const thresholds = {
  'min-energy-savings-pct': 20,
  'warn-min-energy-savings-pct': 30,
  'max-latency-regression-pct': 5,
  'max-accuracy-drop-pct': 1,
};

const scenarios: Record<string, () => Report> = {
  pass: () => gated(fixtureReport(), thresholds, withEnergySavings(fixtureReport(), 0.4, 0.03)),
  warn: () =>
    gated(
      withEnergySavings(fixtureReport(), 0.27, 0.02),
      thresholds,
      withEnergySavings(fixtureReport(), 0.3, 0.02),
    ),
  fail: () =>
    gated(
      withEnergySavings(fixtureReport(), 0.3, 0.02),
      { ...thresholds, 'max-accuracy-drop-pct': 0.5 },
      withEnergySavings(fixtureReport(), 0.41, 0.02),
    ),
};

/** Golden files: test/golden/<name>.md. `UPDATE_GOLDEN=1 npx vitest run test/report` rewrites them. */
function golden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(`../golden/${name}.md`, import.meta.url));
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
  const expected = readFileSync(path, 'utf8').split('\n');
  const lines = actual.split('\n');
  for (let i = 0; i < Math.max(lines.length, expected.length); i++) {
    expect(lines[i], `${name}.md line ${i + 1}`).toBe(expected[i]);
  }
}

describe('renderMarkdown golden reports', () => {
  it.each(Object.keys(scenarios))('%s', (name) => {
    golden(name, renderMarkdown(scenarios[name](), ctx));
  });

  it('first lines carry the verdict', () => {
    const first = (name: string) => renderMarkdown(scenarios[name](), ctx).split('\n')[0];
    expect(first('pass')).toBe(
      '✅ PRUNED saves 41% energy per inference (±2.9%), 38.5 g CO2e per 1M inferences — gate passed',
    );
    expect(first('warn')).toMatch(
      /^⚠️ PRUNED saves 27% energy per inference \(±2%\), .* — gate passed with 2 warnings: energy savings, savings regression/,
    );
    expect(first('fail')).toMatch(
      /^❌ PRUNED saves 30% energy per inference \(±2%\), .* — gate failed: accuracy drop \(top1\), savings regression vs base branch/,
    );
  });
});

describe('renderMarkdown limits and escaping', () => {
  const huge = (): Report => {
    const r = scenarios.fail();
    const layers = Array.from({ length: 5000 }, (_, i) => ({
      name: `layer_${i}_${'x'.repeat(200)}`,
      opType: 'Conv',
      base: { params: 1000 + i, nonzero: 1000 + i, macsDense: 1e6 + i, macsSparse: 1e6 + i },
      pruned: { params: 1000 + i, nonzero: 10, macsDense: 1e6 + i, macsSparse: 1e4 },
    }));
    const lifetime = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`figure${i}G`, i * 1000]));
    return {
      ...r,
      layers,
      // An unknown lifetime shape: rendered generically.
      lifetime: lifetime as unknown as Report['lifetime'],
      warnings: Array.from({ length: 400 }, (_, i) => `warning ${i}: ${'w'.repeat(400)}`),
    };
  };

  it.each([65_000, 20_000, 6_000])(
    'stays under maxChars=%d, drops detail sections and says so',
    (maxChars) => {
      const md = renderMarkdown(huge(), { ...ctx, maxChars });
      expect(md.length).toBeLessThanOrEqual(maxChars);
      const lines = md.split('\n');
      expect(lines[0]).toMatch(/^❌ PRUNED saves 30%/);
      expect(lines[lines.length - 1]).toBe('<!-- carbon-delta:default -->');
      expect(md).toMatch(/Left out to stay under [\d,]+ characters: .*warnings/);
      // Sections that still fit after the huge one is gone are put back.
      if (maxChars >= 20_000) expect(md).toContain('<summary>Per-layer changes');
      expect(md).toContain('#### Release gate');
    },
  );

  it('the default limit keeps the comment under GitHub’s 65,536 characters', () => {
    expect(renderMarkdown(huge(), ctx).length).toBeLessThan(65_536);
  });

  it('hard-truncates when even the core does not fit, keeping the marker', () => {
    const md = renderMarkdown(huge(), { ...ctx, maxChars: 1500 });
    expect(md.length).toBeLessThanOrEqual(1500);
    expect(md).toContain('Truncated to stay under the comment size limit');
    expect(md.endsWith('<!-- carbon-delta:default -->')).toBe(true);
  });

  it('escapes strings from models, paths and warnings', () => {
    const evil = '<img src=x onerror=alert(1)> **bold** [link](http://x) @acme/team | `code` --> <!--';
    const r = fixtureReport({
      models: { base: { path: evil }, pruned: { accuracy: undefined } },
      warnings: [evil],
      environment: { meters: { used: ['nvml'], skipped: [{ id: evil, reason: evil }], idlePowerW: {} } },
    });
    r.layers = [
      {
        name: evil,
        opType: evil,
        base: { params: 10, nonzero: 10, macsDense: 10, macsSparse: 10 },
        pruned: { params: 10, nonzero: 1, macsDense: 10, macsSparse: 1 },
      },
    ];
    r.gate = { passed: false, enforced: true, checks: [{ name: evil, status: 'fail', message: evil }] };
    const md = renderMarkdown(r, { ...ctx, markerId: 'a --> <b>' });
    expect(md).not.toContain('<img');
    expect(md).not.toContain('@acme');
    expect(md).not.toContain('[link]');
    expect(md).not.toContain('**bold**');
    expect(md).not.toMatch(/--> <!--/);
    expect(md).toContain(
      '&lt;img src=x onerror=alert(1)&gt; \\*\\*bold\\*\\* \\[link\\](http://x) &#64;acme/team &#124; \\`code\\`',
    );
    expect(md.endsWith('<!-- carbon-delta:a------b- -->')).toBe(true);
    // Table rows keep their column count: no raw pipes from user strings.
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      expect(line.split(' | ').length).toBeGreaterThanOrEqual(2);
    }
  });

  it('drops unsafe URLs from the context', () => {
    const md = renderMarkdown(fixtureReport(), {
      markerId: 'x',
      runUrl: 'javascript:alert(1)',
      artifactUrl: 'https://x/y) [z](http://evil',
    });
    expect(md).not.toContain('javascript:');
    expect(md).not.toContain('evil');
  });

  it('says "estimated" when energy is estimated', () => {
    const r = fixtureReport({ models: { base: { energyJ: { method: 'estimated' } } } });
    expect(renderMarkdown(r, ctx).split('\n')[0]).toMatch(
      /^✅ PRUNED saves 41% estimated energy per inference/,
    );
    expect(renderMarkdown(r, ctx)).toContain('| Energy / inference (estimated) |');
  });
});

describe('renderMarkdown edge cases', () => {
  it('command mode (no ONNX analysis) renders without the static rows', () => {
    const r = fixtureReport({
      pruning: { kind: 'unknown', description: 'No ONNX files to compare (command mode).' },
    });
    r.models.base.analysis = null;
    r.models.pruned.analysis = null;
    r.deltas = {
      ...r.deltas,
      macsDense: {
        ratio: null,
        change: null,
        verdict: 'not-measured',
        base: null,
        pruned: null,
        unit: 'MACs',
        lowerIsBetter: true,
      },
    };
    const md = renderMarkdown(r, ctx);
    expect(md).not.toContain('| MACs (dense)');
    expect(md).toContain('| Latency p50 |');
    expect(md.split('\n')[0]).toMatch(/^✅ PRUNED saves 41% energy/);
  });

  it('falls back to MACs in the headline when energy was not measured', () => {
    const r = fixtureReport();
    r.deltas.energyPerInference = {
      ratio: null,
      change: null,
      verdict: 'not-measured',
      base: null,
      pruned: null,
      unit: 'J',
      lowerIsBetter: true,
    };
    expect(renderMarkdown(r, ctx).split('\n')[0]).toBe(
      '✅ PRUNED needs 58% fewer MACs (sparse-effective); energy not measured',
    );
  });

  it('says so when energy did not change significantly, and when PRUNED uses more', () => {
    const same = withEnergySavings(fixtureReport(), 0.01, 0.04);
    same.deltas.energyPerInference.verdict = 'no-significant-change';
    expect(renderMarkdown(same, ctx).split('\n')[0]).toBe(
      '➖ PRUNED shows no significant energy change per inference (−1% ±4%)',
    );
    const worse = withEnergySavings(fixtureReport(), -0.2, 0.02);
    expect(renderMarkdown(worse, ctx).split('\n')[0]).toMatch(
      /^🔺 PRUNED uses 20% more energy per inference \(±2%\), 18.8 g more CO2e per 1M inferences/,
    );
  });
});
