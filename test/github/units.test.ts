/** Pure parts of src/github: inputs, context, summary trimming, untrusted report.json. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readGitHubContext, workflowFile } from '../../src/github/context.js';
import { githubInputs, readGithubOptions } from '../../src/github/inputs.js';
import { parseReport } from '../../src/github/report-file.js';
import { summaryText } from '../../src/github/summary.js';
import { valuesOf } from '../helpers/input-values.js';
import { fixtureReport } from '../helpers/report-fixture.js';

describe('readGithubOptions', () => {
  it('defaults', () => {
    expect(readGithubOptions(valuesOf(githubInputs))).toEqual({
      token: '',
      mode: 'all',
      comment: true,
      commentId: 'default',
      summary: true,
      artifactName: 'carbon-delta-report',
      baseline: 'auto',
    });
    expect(githubInputs.find((d) => d.name === 'github-token')?.default).toBe('${{ github.token }}');
  });

  const bad = [
    { input: { mode: 'publish' }, names: ['mode', 'publish'] },
    { input: { 'comment-id': 'a b' }, names: ['comment-id', 'a b'] },
    { input: { 'artifact-name': 'x/y' }, names: ['artifact-name', 'x/y'] },
    { input: { baseline: 'always' }, names: ['baseline', 'always'] },
  ];
  it.each(bad)('rejects $input', ({ input, names }) => {
    const run = () => readGithubOptions(valuesOf(githubInputs, input));
    expect(run).toThrow(UserError);
    for (const n of names) expect(run).toThrow(n);
  });
});

describe('readGitHubContext', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carbon-delta-ctx-'));
  const event = (name: string, payload: unknown) => {
    const path = join(dir, `${name}.json`);
    writeFileSync(path, JSON.stringify(payload));
    return path;
  };
  const cases = [
    {
      what: 'pull_request',
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_SHA: 'merge',
        GITHUB_EVENT_PATH: event('pr', {
          pull_request: {
            number: 7,
            base: { ref: 'main' },
            head: { sha: 'head', repo: { full_name: 'fork/vision' } },
          },
        }),
      },
      expected: {
        eventName: 'pull_request',
        sha: 'head',
        pullRequest: { number: 7, baseRef: 'main', headSha: 'head', headRepo: 'fork/vision' },
      },
    },
    {
      what: 'workflow_run',
      env: {
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_SHA: 'main-sha',
        GITHUB_EVENT_PATH: event('wr', {
          workflow_run: {
            id: 300,
            head_sha: 's',
            head_branch: 'b',
            event: 'pull_request',
            conclusion: 'failure',
            head_repository: { full_name: 'fork/vision' },
          },
        }),
      },
      expected: {
        sha: 'main-sha',
        workflowRun: {
          id: 300,
          headSha: 's',
          headBranch: 'b',
          headRepo: 'fork/vision',
          event: 'pull_request',
          conclusion: 'failure',
        },
      },
    },
    {
      what: 'push, no event file',
      env: { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: 'abc', GITHUB_EVENT_PATH: join(dir, 'missing.json') },
      expected: { sha: 'abc', apiUrl: 'https://api.github.com', serverUrl: 'https://github.com' },
    },
  ];
  it.each(cases)('$what', ({ env, expected }) => {
    const ctx = readGitHubContext({ GITHUB_REPOSITORY: 'acme/vision', GITHUB_RUN_ID: '42', ...env });
    expect(ctx).toMatchObject({ owner: 'acme', repo: 'vision', runId: 42, ...expected });
  });

  it('workflow file from GITHUB_WORKFLOW_REF', () => {
    const ctx = readGitHubContext({
      GITHUB_WORKFLOW_REF: 'acme/vision/.github/workflows/carbon.yml@refs/pull/7/merge',
    });
    expect(workflowFile(ctx)).toBe('carbon.yml');
  });
});

describe('summaryText', () => {
  it('is the full report when it fits, a link to the artifact when it does not', () => {
    const ctx = {
      markerId: 'default',
      artifactUrl: 'https://github.com/acme/vision/actions/runs/1/artifacts/2',
    };
    expect(summaryText(fixtureReport(), ctx)).toContain('<summary>Per-layer changes');
    const small = summaryText(fixtureReport(), ctx, 3000);
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(3000);
    expect(small).toMatch(/^✅ PRUNED saves 41%/);
    expect(small).toContain('The full report is larger than the 3000-byte limit');
    expect(small).toContain('(https://github.com/acme/vision/actions/runs/1/artifacts/2)');
  });
});

describe('parseReport (untrusted report.json)', () => {
  it('accepts a report', () => {
    expect(parseReport(JSON.stringify(fixtureReport()), 'report.json').schemaVersion).toBe('1.0.0');
  });
  const bad = [
    { text: 'nope', why: /not valid JSON/ },
    { text: '[]', why: /not a JSON object/ },
    {
      text: JSON.stringify({ ...fixtureReport(), schemaVersion: '2.0.0' }),
      why: /unsupported schemaVersion "2.0.0"/,
    },
    {
      text: JSON.stringify({ ...fixtureReport(), models: { base: {} } }),
      why: /models.base.latencyMs is missing/,
    },
  ];
  it.each(bad)('rejects $why', ({ text, why }) => {
    expect(() => parseReport(text, 'report.json')).toThrow(why);
  });
});
