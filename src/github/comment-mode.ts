/**
 * `mode: comment`, the second stage of the fork-safe pair. It runs in a `workflow_run` workflow
 * (base repository context, write token) after the measuring run finished: downloads that run's
 * artifact, finds the pull request from the run's head SHA **through the API** (never from what
 * the artifact claims: a fork controls the artifact), re-renders report.json (escaped) and
 * posts the sticky comment.
 */
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report } from '../report/types.js';
import type { ArtifactClient } from './artifacts.js';
import { downloadRunArtifact } from './artifacts.js';
import type { Octokit } from './client.js';
import { resolveCommentAuthor, upsertStickyComment } from './comment.js';
import type { StickyResult } from './comment.js';
import type { GitHubContext, WorkflowRunInfo } from './context.js';
import { artifactUrl, runUrl } from './context.js';
import type { GithubOptions } from './inputs.js';
import { reportOutputs } from './outputs.js';
import { readReportFile } from './report-file.js';

export interface CommentModeDeps {
  ctx: GitHubContext;
  logger: Logger;
  octokit: Octokit;
  artifacts: ArtifactClient;
  tmpDir: string;
  setOutput: (name: string, value: string) => void;
}

export interface CommentModeResult {
  pullRequest: number | null;
  report: Report | null;
  comment?: StickyResult;
  /** Why nothing was posted. */
  note?: string;
}

/** The open PR whose head is `run.headSha`, asked of the API (by commit, then by head branch). */
export async function resolvePullRequest(
  octokit: Octokit,
  ctx: GitHubContext,
  run: WorkflowRunInfo,
): Promise<number | null> {
  const { owner, repo } = ctx;
  const byCommit = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner,
    repo,
    commit_sha: run.headSha,
  });
  const hit = byCommit.data.find((pr) => pr.head.sha === run.headSha && pr.state === 'open');
  if (hit) return hit.number;
  // Fork heads are not found by commit in the base repository: ask by `fork-owner:branch`.
  const headOwner = run.headRepo.split('/')[0];
  if (!headOwner || !run.headBranch) return null;
  const byHead = await octokit.rest.pulls.list({
    owner,
    repo,
    state: 'open',
    head: `${headOwner}:${run.headBranch}`,
    per_page: 100,
  });
  return byHead.data.find((pr) => pr.head.sha === run.headSha)?.number ?? null;
}

/** Downloads, resolves, renders and comments. */
export async function runCommentMode(
  options: GithubOptions,
  deps: CommentModeDeps,
): Promise<CommentModeResult> {
  const { ctx, logger } = deps;
  const run = ctx.workflowRun;
  if (!run) {
    throw new UserError(
      'mode: comment runs in a workflow triggered by `workflow_run` (the second stage of the fork-safe pair); this event has no workflow_run. Use mode: all or measure here.',
      { input: 'mode' },
    );
  }
  if (!options.artifactName)
    throw new UserError('mode: comment needs the artifact name the measure stage uploaded.', {
      input: 'artifact-name',
    });
  const done = (note: string): CommentModeResult => {
    logger.warn(note);
    deps.setOutput('pull-request', '');
    return { pullRequest: null, report: null, note };
  };
  const got = await downloadRunArtifact(deps.artifacts, {
    name: options.artifactName,
    runId: run.id,
    owner: ctx.owner,
    repo: ctx.repo,
    token: options.token,
    dir: join(deps.tmpDir, 'measured'),
  });
  if (!got)
    return done(
      `Run ${run.id} has no artifact "${options.artifactName}" (did the measure stage run with mode: measure and the same artifact-name?). Nothing to comment.`,
    );
  const pr = await resolvePullRequest(deps.octokit, ctx, run);
  if (pr == null)
    return done(
      `No open pull request has head ${run.headSha.slice(0, 7)} (run ${run.id}); nothing to comment.`,
    );
  const report = await readReportFile(join(got.dir, 'report.json'));
  const markdown = renderMarkdown(report, {
    markerId: options.commentId,
    runUrl: runUrl(ctx, run.id),
    sha: run.headSha,
    artifactUrl: artifactUrl(ctx, got.artifactId, run.id),
  });
  const author = await resolveCommentAuthor(deps.octokit, options.commentAuthor);
  const comment = await upsertStickyComment(
    deps.octokit,
    { owner: ctx.owner, repo: ctx.repo, issueNumber: pr, markerId: options.commentId, author },
    markdown,
    logger,
  );
  const outputs = {
    ...reportOutputs(report),
    'comment-url': comment.action === 'skipped' ? '' : comment.url,
    'comment-id': comment.action === 'skipped' ? '' : String(comment.id),
    'artifact-id': String(got.artifactId),
    'pull-request': String(pr),
  };
  for (const [name, value] of Object.entries(outputs)) deps.setOutput(name, value);
  return { pullRequest: pr, report, comment };
}
