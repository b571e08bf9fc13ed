/**
 * Publishing against the local fake GitHub with the real @actions/github and @actions/artifact
 * clients: sticky comment (create, update, other authors, pagination, 403), artifacts (upload,
 * download back), outputs and summary.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/log.js';
import { fixtureReport } from '../helpers/report-fixture.js';
import { startFakeGitHub } from '../helpers/fake-github-server.js';
import type { FakeGitHub } from '../helpers/fake-github-server.js';
import { pointClientsAt, writeReportFolder } from '../helpers/github-env.js';
import { strFromU8, unzipSync } from 'fflate';
import type { GitHubContext } from '../../src/github/context.js';
import type { GithubOptions } from '../../src/github/inputs.js';
import type * as ClientModule from '../../src/github/client.js';
import type * as PublishModule from '../../src/github/publish.js';
import type * as ArtifactsModule from '../../src/github/artifacts.js';

// Type-only imports are erased: the modules load after the env points at the fake.
type Gh = { client: typeof ClientModule; publish: typeof PublishModule; artifacts: typeof ArtifactsModule };

let fake: FakeGitHub;
let gh: Gh;
const RUN = 4242;

beforeAll(async () => {
  fake = await startFakeGitHub();
  pointClientsAt(fake, RUN);
  gh = {
    client: await import('../../src/github/client.js'),
    publish: await import('../../src/github/publish.js'),
    artifacts: await import('../../src/github/artifacts.js'),
  };
  fake.addToken('ghs_actions', { login: 'acme-installation', kind: 'installation' });
  fake.addToken('ghs_readonly', { login: 'acme-installation', kind: 'installation', readOnly: true });
  fake.addToken('ghp_pat', { login: 'carbon-bot', kind: 'user' });
  fake.addToken('ghs_app', {
    login: 'carbon-app-installation',
    kind: 'installation',
    commentsAs: 'carbon-app[bot]',
  });
});

afterAll(() => fake?.close());

beforeEach(() => {
  fake.comments.length = 0;
  fake.calls.length = 0;
});

const ctx = (): GitHubContext => ({
  apiUrl: fake.url,
  serverUrl: 'https://github.com',
  owner: 'acme',
  repo: 'vision',
  runId: RUN,
  eventName: 'pull_request',
  sha: 'abc1234def5678abc1234def5678abc1234def56',
  pullRequest: {
    number: 7,
    baseRef: 'main',
    headSha: 'abc1234def5678abc1234def5678abc1234def56',
    headRepo: 'acme/vision',
  },
});

const options = (patch: Partial<GithubOptions> = {}): GithubOptions => ({
  token: 'ghs_actions',
  mode: 'all',
  comment: true,
  commentId: 'default',
  summary: true,
  artifactName: 'carbon-delta-report',
  baseline: 'auto',
  ...patch,
});

async function publishOnce(patch: Partial<GithubOptions> = {}) {
  const o = options(patch);
  const logger = memoryLogger();
  const summaries: string[] = [];
  const outputs: Record<string, string> = {};
  const paths = writeReportFolder(fixtureReport());
  const result = await gh.publish.publishReport(fixtureReport(), paths, o, {
    ctx: ctx(),
    logger,
    octokit: gh.client.createOctokit(o.token, fake.url),
    artifacts: gh.artifacts.defaultArtifactClient(),
    writeSummary: async (s) => void summaries.push(s),
    setOutput: (n, v) => void (outputs[n] = v),
  });
  return { result, logger, summaries, outputs, paths };
}

describe('sticky comment', () => {
  it('first publish creates the comment, the second updates the same one', async () => {
    const first = await publishOnce();
    expect(first.result.comment).toMatchObject({ action: 'created' });
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0].user.login).toBe('github-actions[bot]');
    expect(fake.comments[0].body.split('\n')[0]).toMatch(/^✅ PRUNED saves 41% energy per inference/);
    expect(fake.comments[0].body).toContain('<!-- carbon-delta:default -->');
    expect(first.outputs['comment-url']).toBe(fake.comments[0].html_url);

    const second = await publishOnce();
    expect(second.result.comment).toMatchObject({ action: 'updated', id: fake.comments[0].id });
    expect(fake.comments).toHaveLength(1);
    expect(fake.callsTo('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(1);
    expect(fake.callsTo('POST', /\/issues\/7\/comments$/)).toHaveLength(1);
  });

  it('leaves a comment by another user with the same marker alone', async () => {
    const mallory = fake.addComment(7, 'mallory', 'copied <!-- carbon-delta:default -->');
    await publishOnce();
    expect(fake.comments).toHaveLength(2);
    expect(fake.comments.find((c) => c.id === mallory.id)!.body).toBe('copied <!-- carbon-delta:default -->');
    expect(fake.comments.filter((c) => c.user.login === 'github-actions[bot]')).toHaveLength(1);
    expect(fake.callsTo('PATCH', /comments/)).toHaveLength(0);
  });

  it('a different comment-id makes a second sticky comment', async () => {
    await publishOnce();
    await publishOnce({ commentId: 'gpu' });
    expect(fake.comments.map((c) => c.body.split('\n').pop())).toEqual([
      '<!-- carbon-delta:default -->',
      '<!-- carbon-delta:gpu -->',
    ]);
  });

  it('finds its comment on a later page', async () => {
    for (let i = 0; i < 130; i++) fake.addComment(7, i % 2 ? 'alice' : 'github-actions[bot]', `comment ${i}`);
    const ours = fake.addComment(7, 'github-actions[bot]', 'old <!-- carbon-delta:default -->');
    const r = await publishOnce();
    expect(r.result.comment).toMatchObject({ action: 'updated', id: ours.id });
    expect(fake.callsTo('GET', /\/issues\/7\/comments$/).map((c) => c.query.page ?? '1')).toEqual(['1', '2']);
  });

  it('a personal token writes as its user (GET /user)', async () => {
    fake.addComment(7, 'github-actions[bot]', 'x <!-- carbon-delta:default -->');
    const r = await publishOnce({ token: 'ghp_pat' });
    expect(r.result.comment).toMatchObject({ action: 'created' });
    expect(fake.comments.map((c) => c.user.login)).toEqual(['github-actions[bot]', 'carbon-bot']);
  });

  it('an app token (no GET /user) updates its own bot comment, never a user’s', async () => {
    const user = fake.addComment(7, 'alice', 'quoted <!-- carbon-delta:default -->');
    const bot = fake.addComment(7, 'carbon-app[bot]', 'old <!-- carbon-delta:default -->');
    const r = await publishOnce({ token: 'ghs_app' });
    expect(r.result.comment).toMatchObject({ action: 'updated', id: bot.id });
    expect(fake.comments.find((c) => c.id === user.id)!.body).toBe('quoted <!-- carbon-delta:default -->');
  });

  it('403 degrades to a warning with the fix; summary and artifact still written', async () => {
    const r = await publishOnce({ token: 'ghs_readonly' });
    expect(r.result.comment).toMatchObject({ action: 'skipped' });
    const warning = r.logger.lines.find((l) => l.level === 'warn')?.message ?? '';
    expect(warning).toMatch(/HTTP 403/);
    expect(warning).toContain('pull-requests: write');
    expect(warning).toContain('mode: measure');
    expect(r.summaries).toHaveLength(1);
    expect(r.outputs['artifact-id']).toMatch(/^\d+$/);
    expect(r.outputs['comment-url']).toBe('');
    expect(fake.comments).toHaveLength(0);
  });
});

describe('artifacts and outputs', () => {
  it('uploads report.json, report.md, emissions.csv and samples; they download back', async () => {
    const r = await publishOnce({ comment: false });
    const artifact = fake.artifacts.find((a) => a.id === Number(r.outputs['artifact-id']))!;
    expect(artifact).toMatchObject({ runId: RUN, name: 'carbon-delta-report', finalized: true });
    const entries = unzipSync(new Uint8Array(fake.artifactBytes(artifact)!));
    expect(Object.keys(entries).sort()).toEqual([
      'emissions.csv',
      'report.json',
      'report.md',
      'samples.json',
    ]);
    expect(JSON.parse(strFromU8(entries['report.json'])).schemaVersion).toBe('1.0.0');
    expect(fake.callsTo('PUT', /^\/blob\//).map((c) => c.query.comp)).toEqual(['block', 'blocklist']);

    const dir = mkdtempSync(join(tmpdir(), 'carbon-delta-dl-'));
    const got = await gh.artifacts.downloadRunArtifact(gh.artifacts.defaultArtifactClient(), {
      name: 'carbon-delta-report',
      runId: RUN,
      owner: 'acme',
      repo: 'vision',
      token: 'ghs_actions',
      dir,
    });
    expect(got?.artifactId).toBe(artifact.id);
    expect(readFileSync(join(got!.dir, 'report.json'), 'utf8')).toBe(readFileSync(r.paths.json, 'utf8'));
    expect(fake.callsTo('GET', /\/actions\/artifacts\/\d+\/zip$/)[0].status).toBe(302);
  });

  it('sets every output with the headline figures and links', async () => {
    const r = await publishOnce();
    expect(r.outputs).toMatchObject({
      'energy-savings-pct': '41',
      'energy-savings-ci-pct': '38.1,43.9',
      'energy-method': 'measured',
      'sparse-macs-reduction-pct': '58',
      'macs-reduction-pct': '0',
      'latency-change-pct': '-11.89',
      'gate-passed': 'true',
      'report-path': r.paths.json,
      'pull-request': '7',
    });
    expect(r.outputs['artifact-url']).toBe(
      `https://github.com/acme/vision/actions/runs/${RUN}/artifacts/${r.outputs['artifact-id']}`,
    );
    expect(fake.comments[0].body).toContain(`[full report and raw samples](${r.outputs['artifact-url']})`);
    const { ACTION_OUTPUTS } = await import('../../src/github/outputs.js');
    expect(Object.keys(r.outputs).sort()).toEqual(ACTION_OUTPUTS.map((o) => o.name).sort());
  });

  it('mode: measure writes summary and artifact but never comments', async () => {
    const r = await publishOnce({ mode: 'measure' });
    expect(r.result.comment).toBeUndefined();
    expect(fake.comments).toHaveLength(0);
    expect(r.summaries[0]).toContain('<!-- carbon-delta:default -->');
    expect(fake.callsTo('GET', /^\/user$/)).toHaveLength(0);
  });

  it('an unreachable artifact service is a warning, not a failure', async () => {
    const saved = process.env.ACTIONS_RESULTS_URL;
    process.env.ACTIONS_RUNTIME_TOKEN = 'not-a-jwt';
    try {
      const r = await publishOnce({ comment: false });
      expect(r.outputs['artifact-id']).toBe('');
      expect(
        r.logger.lines.some((l) => l.level === 'warn' && /Could not upload the artifact/.test(l.message)),
      ).toBe(true);
    } finally {
      process.env.ACTIONS_RESULTS_URL = saved;
      process.env.ACTIONS_RUNTIME_TOKEN = fake.runtimeToken(RUN);
    }
  });
});
