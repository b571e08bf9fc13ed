/** Baseline lookup and comment mode against the fake GitHub with the real clients. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { evaluateGate } from '../../src/gate/evaluate.js';
import { gateInputs, readGateOptions } from '../../src/gate/inputs.js';
import { memoryLogger } from '../../src/log.js';
import type { GitHubContext } from '../../src/github/context.js';
import type { GithubOptions } from '../../src/github/inputs.js';
import type * as ArtifactsModule from '../../src/github/artifacts.js';
import type * as BaselineModule from '../../src/github/baseline.js';
import type * as ClientModule from '../../src/github/client.js';
import type * as CommentModeModule from '../../src/github/comment-mode.js';
import type { Report } from '../../src/report/types.js';
import { startFakeGitHub } from '../helpers/fake-github-server.js';
import type { FakeGitHub } from '../helpers/fake-github-server.js';
import { actAsRun, pointClientsAt, writeReportFolder } from '../helpers/github-env.js';
import { valuesOf } from '../helpers/input-values.js';
import { fixtureReport, withEnergySavings } from '../helpers/report-fixture.js';

let fake: FakeGitHub;
let artifacts: typeof ArtifactsModule;
let baseline: typeof BaselineModule;
let client: typeof ClientModule;
let commentMode: typeof CommentModeModule;
const FORK_SHA = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0';

async function uploadAs(runId: number, report: Report): Promise<void> {
  actAsRun(fake, runId);
  const p = writeReportFolder(report);
  const up = await artifacts.uploadReportArtifact(
    artifacts.defaultArtifactClient(),
    'carbon-delta-report',
    [p.json, p.markdown],
    p.dir,
    memoryLogger(),
  );
  expect(up?.id).toBeGreaterThan(0);
}

beforeAll(async () => {
  fake = await startFakeGitHub();
  pointClientsAt(fake, 200);
  artifacts = await import('../../src/github/artifacts.js');
  baseline = await import('../../src/github/baseline.js');
  client = await import('../../src/github/client.js');
  commentMode = await import('../../src/github/comment-mode.js');
  fake.addToken('ghs_actions', { login: 'acme-installation', kind: 'installation' });

  // Base branch history, oldest first.
  fake.addRun({ id: 100, head_branch: 'main' });
  await uploadAs(100, withEnergySavings(fixtureReport(), 0.41, 0.02));
  fake.addRun({ id: 101, head_branch: 'main', conclusion: 'failure' });
  await uploadAs(101, withEnergySavings(fixtureReport(), 0.1, 0.02));
  // A fork PR whose branch is called main: must never be a baseline.
  fake.addRun({
    id: 102,
    head_branch: 'main',
    event: 'pull_request',
    head_repository: { full_name: 'mallory/vision', owner: { login: 'mallory' } },
  });
  await uploadAs(102, withEnergySavings(fixtureReport(), 0.99, 0.01));
  fake.addRun({ id: 103, head_branch: 'main' }); // newest success, but its job uploaded nothing
  fake.addRun({ id: 200, head_branch: 'feature', event: 'pull_request' }); // this run

  // The fork's measure run for the comment-mode tests.
  fake.addRun({
    id: 300,
    head_branch: 'feature',
    head_sha: FORK_SHA,
    event: 'pull_request',
    conclusion: 'failure',
    head_repository: { full_name: 'forker/vision', owner: { login: 'forker' } },
  });
  await uploadAs(300, withEnergySavings(fixtureReport(), 0.3, 0.02));
  fake.addPull({
    number: 9,
    head: { sha: FORK_SHA, ref: 'feature', repo: { full_name: 'forker/vision' } },
    base: { ref: 'main' },
  });
  actAsRun(fake, 200);
});

afterAll(() => fake?.close());

const prCtx = (patch: Partial<GitHubContext> = {}): GitHubContext => ({
  apiUrl: fake.url,
  serverUrl: 'https://github.com',
  owner: 'acme',
  repo: 'vision',
  runId: 200,
  eventName: 'pull_request',
  sha: 'a'.repeat(40),
  workflowRef: 'acme/vision/.github/workflows/ci.yml@refs/pull/7/merge',
  pullRequest: { number: 7, baseRef: 'main', headSha: 'a'.repeat(40), headRepo: 'acme/vision' },
  ...patch,
});

function lookup(ctx: GitHubContext, token = 'ghs_actions') {
  return baseline.findBaseline({
    octokit: client.createOctokit(token, fake.url),
    artifacts: artifacts.defaultArtifactClient(),
    ctx,
    token,
    artifactName: 'carbon-delta-report',
    tmpDir: mkdtempSync(join(tmpdir(), 'carbon-delta-baseline-')),
    logger: memoryLogger(),
  });
}

describe('findBaseline', () => {
  it('finds the newest successful base-branch run with the artifact, skipping PR runs named main', async () => {
    const b = await lookup(prCtx());
    expect(b).toMatchObject({ runId: 100, runUrl: 'https://github.com/acme/vision/actions/runs/100' });
    expect(b.report?.deltas.energyPerInference.ratio).toBeCloseTo(0.59);
    const list = fake.callsTo('GET', /\/actions\/workflows\/ci\.yml\/runs$/).pop()!;
    expect(list.query).toMatchObject({ branch: 'main', status: 'success' });
  });

  it('gates on the regression of savings against it', async () => {
    const b = await lookup(prCtx());
    const gate = evaluateGate(
      withEnergySavings(fixtureReport(), 0.3, 0.02),
      readGateOptions(valuesOf(gateInputs)),
      b.report,
      b.note,
    );
    expect(gate.passed).toBe(false);
    expect(gate.checks[0].message).toMatch(
      /savings regression vs base branch \(energy savings 41% ±2 → 30% ±2\) 11 pp/,
    );
  });

  it('without GITHUB_WORKFLOW_REF asks the API for this run’s workflow', async () => {
    fake.runs.find((r) => r.id === 200)!.workflow_id = 77;
    const b = await lookup(prCtx({ workflowRef: undefined }));
    expect(b.runId).toBe(100);
    expect(fake.callsTo('GET', /\/actions\/runs\/200$/)).toHaveLength(1);
    expect(fake.callsTo('GET', /\/actions\/workflows\/77\/runs$/)).toHaveLength(1);
  });

  it('absent → a note, never an error', async () => {
    const b = await lookup(
      prCtx({
        pullRequest: { number: 7, baseRef: 'release', headSha: 'a'.repeat(40), headRepo: 'acme/vision' },
      }),
    );
    expect(b.report).toBeNull();
    expect(b.note).toMatch(/No baseline: none of the last 0 successful runs of this workflow on release/);
    expect((await lookup(prCtx({ pullRequest: undefined }))).note).toMatch(/not a pull request/);
  });

  it('API errors become a note with the permission hint', async () => {
    const b = await lookup(prCtx(), 'bad-token');
    expect(b.report).toBeNull();
    expect(b.note).toMatch(/No baseline: looking it up failed/);
  });
});

describe('comment mode (workflow_run)', () => {
  const options: GithubOptions = {
    token: 'ghs_actions',
    mode: 'comment',
    comment: true,
    commentId: 'default',
    summary: true,
    artifactName: 'carbon-delta-report',
    baseline: 'auto',
  };
  const runCtx = (headSha = FORK_SHA): GitHubContext => ({
    apiUrl: fake.url,
    serverUrl: 'https://github.com',
    owner: 'acme',
    repo: 'vision',
    runId: 301,
    eventName: 'workflow_run',
    sha: 'b'.repeat(40),
    workflowRun: {
      id: 300,
      headSha,
      headBranch: 'feature',
      headRepo: 'forker/vision',
      event: 'pull_request',
      conclusion: 'failure',
    },
  });
  const run = (ctx: GitHubContext) => {
    const outputs: Record<string, string> = {};
    const logger = memoryLogger();
    const deps = {
      ctx,
      logger,
      octokit: client.createOctokit('ghs_actions', fake.url),
      artifacts: artifacts.defaultArtifactClient(),
      tmpDir: mkdtempSync(join(tmpdir(), 'carbon-delta-cm-')),
      setOutput: (n: string, v: string) => void (outputs[n] = v),
    };
    return commentMode.runCommentMode(options, deps).then((r) => ({ ...r, outputs, logger }));
  };

  it('downloads the triggering run’s artifact, resolves the fork PR from head_sha and comments, then updates', async () => {
    const first = await run(runCtx());
    expect(first.pullRequest).toBe(9);
    expect(first.comment).toMatchObject({ action: 'created' });
    const ours = fake.comments.filter((c) => c.issue === 9);
    expect(ours).toHaveLength(1);
    expect(ours[0].body).toMatch(/^✅ PRUNED saves 30% energy per inference/);
    expect(ours[0].body).toContain('https://github.com/acme/vision/actions/runs/300');
    expect(first.outputs).toMatchObject({ 'pull-request': '9', 'energy-savings-pct': '30' });
    // Found by fork-owner:branch after the by-commit lookup came back empty.
    expect(fake.callsTo('GET', /\/pulls$/).pop()!.query).toMatchObject({
      head: 'forker:feature',
      state: 'open',
    });

    const second = await run(runCtx());
    expect(second.comment).toMatchObject({ action: 'updated' });
    expect(fake.comments.filter((c) => c.issue === 9)).toHaveLength(1);
  });

  it('no open PR with that head SHA → a warning and no comment', async () => {
    const before = fake.comments.length;
    const r = await run(runCtx('e'.repeat(40)));
    expect(r.pullRequest).toBeNull();
    expect(r.note).toMatch(/No open pull request has head eeeeeee/);
    expect(fake.comments.length).toBe(before);
  });

  it('outside workflow_run it is a usage error naming the input', async () => {
    await expect(run(prCtx())).rejects.toThrow(UserError);
    await expect(run(prCtx())).rejects.toThrow(/mode: .*workflow_run/);
  });
});
