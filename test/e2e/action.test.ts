/**
 * End to end: `node dist/index.js` spawned the way the runner starts it (INPUT_* env, event
 * JSON, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files) against one local fake GitHub (REST + artifact
 * results service), on the example models with real onnxruntime-node inference. Uses the built
 * dist/ (`npm run build`; built here when missing).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/log.js';
import type * as ArtifactsModule from '../../src/github/artifacts.js';
import { runAction } from '../helpers/action-runner.js';
import type { ActionRunResult } from '../helpers/action-runner.js';
import { startFakeGitHub } from '../helpers/fake-github-server.js';
import type { FakeGitHub } from '../helpers/fake-github-server.js';
import { actAsRun, pointClientsAt, writeReportFolder } from '../helpers/github-env.js';
import { fixtureReport, withEnergySavings } from '../helpers/report-fixture.js';

const ROOT = resolve('.');
const DIST = join(ROOT, 'dist');
const HEAD = 'feed000000000000000000000000000000000000';
let fake: FakeGitHub;
let artifacts: typeof ArtifactsModule;

/** Fast, CPU-only, estimated energy: a few seconds per run. */
const fast = {
  'base-model': 'examples/base.onnx',
  'pruned-model': 'examples/pruned-structured.onnx',
  duration: '1',
  'min-rounds': '2',
  'warmup-max-iterations': '10',
  'idle-duration-s': '0',
  meters: 'estimate',
  'github-token': 'ghs_actions',
};

const prEvent = {
  pull_request: { number: 7, base: { ref: 'main' }, head: { sha: HEAD, repo: { full_name: 'acme/vision' } } },
};

function run(
  runId: number,
  inputs: Record<string, string>,
  eventName = 'pull_request',
  event: Record<string, unknown> = prEvent,
): Promise<ActionRunResult> {
  const out = mkdtempSync(join(tmpdir(), 'carbon-delta-e2e-out-'));
  return runAction({
    fake,
    runId,
    eventName,
    event,
    workspace: ROOT,
    entry: join(DIST, 'index.js'),
    inputs: { 'output-dir': out, ...fast, ...inputs },
    sha: HEAD,
  });
}

function explain(r: ActionRunResult): string {
  return `exit ${r.exitCode}\nerrors: ${r.errors.join('\n')}\nwarnings: ${r.warnings.join('\n')}\nstderr: ${r.stderr.slice(-2000)}`;
}

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.js'))) await execa('node', ['scripts/build.mjs'], { cwd: ROOT });
  fake = await startFakeGitHub();
  pointClientsAt(fake, 1);
  artifacts = await import('../../src/github/artifacts.js');
  fake.addToken('ghs_actions', { login: 'acme-installation', kind: 'installation' });
  fake.addToken('ghs_readonly', { login: 'acme-installation', kind: 'installation', readOnly: true });
}, 120_000);

afterAll(() => fake?.close());

describe('node dist/index.js against the fake GitHub', () => {
  const relaxed = { 'max-savings-regression-pct': '100', 'warn-max-savings-regression-pct': '100' };

  it('a push to main measures, uploads the artifact, writes summary and outputs, no comment', async () => {
    fake.addRun({ id: 100, head_branch: 'main', head_sha: 'a'.repeat(40) });
    const r = await run(100, {}, 'push', { ref: 'refs/heads/main' });
    expect(r.exitCode, explain(r)).toBe(0);
    expect(r.outputs['artifact-id']).toMatch(/^\d+$/);
    expect(r.outputs['energy-method']).toBe('estimated');
    expect(r.outputs['macs-reduction-pct']).not.toBe('');
    expect(r.summary).toContain('<!-- carbon-delta:default -->');
    expect(fake.artifacts.filter((a) => a.runId === 100 && a.finalized).map((a) => a.name)).toEqual([
      'carbon-delta-report',
    ]);
    expect(fake.comments).toHaveLength(0);
  });

  it('first PR run creates the comment with the baseline, the second updates it; another user’s marker is left alone', async () => {
    const mallory = fake.addComment(7, 'mallory', 'look <!-- carbon-delta:default -->');
    fake.addRun({ id: 200, head_branch: 'feature', event: 'pull_request' });
    const first = await run(200, relaxed);
    expect(first.exitCode, explain(first)).toBe(0);
    expect(first.outputs['baseline-run-id']).toBe('100');
    const ours = fake.comments.filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(first.outputs['comment-url']).toBe(ours[0].html_url);
    expect(ours[0].body.split('\n')[0]).toMatch(/PRUNED (saves|uses|shows)/);
    expect(ours[0].body).toContain('savings regression vs base branch');

    fake.addRun({ id: 201, head_branch: 'feature', event: 'pull_request' });
    const second = await run(201, relaxed);
    expect(second.exitCode, explain(second)).toBe(0);
    expect(second.outputs['comment-id']).toBe(String(ours[0].id));
    expect(fake.comments.filter((c) => c.user.login === 'github-actions[bot]')).toHaveLength(1);
    expect(fake.comments.find((c) => c.id === mallory.id)?.body).toBe('look <!-- carbon-delta:default -->');
  });

  it('403 on the comment degrades to a warning; summary and artifact are still written', async () => {
    fake.addRun({ id: 202, head_branch: 'feature', event: 'pull_request' });
    const r = await run(202, { ...relaxed, 'github-token': 'ghs_readonly' });
    expect(r.exitCode, explain(r)).toBe(0);
    expect(r.warnings.join('\n')).toMatch(/HTTP 403.*pull-requests: write.*mode: measure/s);
    expect(r.summary).toContain('<!-- carbon-delta:default -->');
    expect(fake.artifacts.some((a) => a.runId === 202 && a.finalized)).toBe(true);
    expect(r.outputs['comment-url']).toBe('');
  });

  it('the gate exits 1 with the right message when savings regress against the base branch', async () => {
    // A newer main run whose report saved 95% ±1 (estimated, like this machine's runs).
    fake.addRun({ id: 150, head_branch: 'main' });
    actAsRun(fake, 150);
    const p = writeReportFolder(
      withEnergySavings(
        fixtureReport({
          models: {
            base: { energyJ: { method: 'estimated' } },
            pruned: { energyJ: { method: 'estimated' } },
          },
        }),
        0.95,
        0.01,
      ),
    );
    expect(
      await artifacts.uploadReportArtifact(
        artifacts.defaultArtifactClient(),
        'carbon-delta-report',
        [p.json],
        p.dir,
        memoryLogger(),
      ),
    ).not.toBeNull();
    fake.addRun({ id: 203, head_branch: 'feature', event: 'pull_request' });
    const r = await run(203, {});
    expect(r.exitCode, explain(r)).toBe(1);
    expect(r.outputs['baseline-run-id']).toBe('150');
    expect(r.outputs['gate-passed']).toBe('false');
    expect(r.errors.join('\n')).toMatch(
      /carbon-delta gate failed: savings regression vs base branch \(energy savings 95% ±1 → .*\) .* is above the fail threshold 5 pp/,
    );
    expect(fake.artifacts.some((a) => a.runId === 203 && a.finalized)).toBe(true); // uploaded even though the gate failed
    expect(
      fake.comments.filter((c) => c.user.login === 'github-actions[bot]')[0].body.split('\n')[0],
    ).toMatch(/^❌ .*gate failed: savings regression vs base branch/);
  });

  it('bad input exits 2 with a message naming the inputs, no stack trace', async () => {
    const r = await run(204, { 'min-energy-savings-pct': '30', 'warn-min-energy-savings-pct': '10' });
    expect(r.exitCode, explain(r)).toBe(2);
    expect(r.errors.join('\n')).toMatch(
      /warn-min-energy-savings-pct.*\(10\) must be at least min-energy-savings-pct \(30\)/,
    );
    expect(r.errors.join('\n')).not.toMatch(/at .*\.js:\d+/);
  });

  it('fork-safe pair: mode measure never comments; mode comment posts from the workflow_run', async () => {
    fake.comments.length = 0;
    const sha = 'f'.repeat(40);
    fake.addRun({
      id: 300,
      head_branch: 'feature',
      head_sha: sha,
      event: 'pull_request',
      head_repository: { full_name: 'forker/vision', owner: { login: 'forker' } },
    });
    fake.addPull({
      number: 9,
      head: { sha, ref: 'feature', repo: { full_name: 'forker/vision' } },
      base: { ref: 'main' },
    });
    const forkEvent = {
      pull_request: { number: 9, base: { ref: 'main' }, head: { sha, repo: { full_name: 'forker/vision' } } },
    };
    const measure = await run(
      300,
      { ...relaxed, mode: 'measure', 'github-token': 'ghs_readonly' },
      'pull_request',
      forkEvent,
    );
    expect(measure.exitCode, explain(measure)).toBe(0);
    expect(fake.comments).toHaveLength(0);

    const wr = {
      workflow_run: {
        id: 300,
        head_sha: sha,
        head_branch: 'feature',
        event: 'pull_request',
        conclusion: 'success',
        head_repository: { full_name: 'forker/vision' },
      },
    };
    const comment = await runAction({
      fake,
      runId: 301,
      eventName: 'workflow_run',
      event: wr,
      workspace: ROOT,
      entry: join(DIST, 'index.js'),
      inputs: { mode: 'comment', 'github-token': 'ghs_actions' },
    });
    expect(comment.exitCode, explain(comment)).toBe(0);
    expect(comment.outputs['pull-request']).toBe('9');
    expect(fake.comments.map((c) => c.issue)).toEqual([9]);
    expect(fake.comments[0].body).toContain('https://github.com/acme/vision/actions/runs/300');
  });
});
