/**
 * Publishing a finished report from the measuring job (`mode: all` and `mode: measure`):
 * artifact first (so the comment can link it), then job summary, sticky comment and outputs.
 * Each step degrades to a warning; the caller decides the exit code from the gate afterwards.
 */
import { dirname } from 'node:path';
import type { Logger } from '../log.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report } from '../report/types.js';
import type { ArtifactClient } from './artifacts.js';
import { uploadReportArtifact } from './artifacts.js';
import type { BaselineResult } from './baseline.js';
import type { Octokit } from './client.js';
import { resolveCommentAuthor, upsertStickyComment } from './comment.js';
import type { StickyResult } from './comment.js';
import type { GitHubContext } from './context.js';
import { artifactUrl, runUrl } from './context.js';
import type { GithubOptions } from './inputs.js';
import { reportOutputs } from './outputs.js';
import { summaryText } from './summary.js';

export interface ReportPaths {
  json: string;
  markdown: string;
  csv?: string;
  samples?: string;
}

export interface PublishDeps {
  ctx: GitHubContext;
  logger: Logger;
  /** Absent without a token: no comment. */
  octokit?: Octokit;
  artifacts: ArtifactClient;
  /** Appends Markdown to the job summary (the action: `core.summary.addRaw(text).write()`). */
  writeSummary: (markdown: string) => Promise<void>;
  /** Sets one step output (the action: `core.setOutput`). */
  setOutput: (name: string, value: string) => void;
}

export interface PublishResult {
  outputs: Record<string, string>;
  comment?: StickyResult;
  artifactId?: number;
  artifactUrl?: string;
  /** The comment / summary Markdown (with the artifact link). */
  markdown: string;
}

/** Uploads, summarises, comments and sets outputs for `report`. */
export async function publishReport(
  report: Report,
  paths: ReportPaths,
  options: GithubOptions,
  deps: PublishDeps,
  baseline?: BaselineResult,
): Promise<PublishResult> {
  const { ctx, logger } = deps;
  const files = [paths.json, paths.markdown, paths.csv, paths.samples].filter((f): f is string => !!f);
  const uploaded = options.artifactName
    ? await uploadReportArtifact(
        deps.artifacts,
        options.artifactName,
        files,
        dirname(paths.json),
        logger,
        options.artifactRetentionDays,
      )
    : null;
  const linkToArtifact = uploaded ? artifactUrl(ctx, uploaded.id) : undefined;
  const render = {
    markerId: options.commentId,
    runUrl: runUrl(ctx),
    sha: ctx.sha,
    artifactUrl: linkToArtifact,
  };
  const markdown = renderMarkdown(report, render);

  if (options.summary) {
    try {
      await deps.writeSummary(summaryText(report, render));
    } catch (error) {
      logger.warn(`Could not write the job summary: ${(error as Error).message}`);
    }
  }

  let comment: StickyResult | undefined;
  if (options.mode === 'all' && options.comment && ctx.pullRequest) {
    if (!deps.octokit) {
      comment = { action: 'skipped', reason: 'No github-token: the PR comment was not written.' };
      logger.warn(comment.reason);
    } else {
      const author = await resolveCommentAuthor(deps.octokit, options.commentAuthor);
      const target = {
        owner: ctx.owner,
        repo: ctx.repo,
        issueNumber: ctx.pullRequest.number,
        markerId: options.commentId,
        author,
      };
      comment = await upsertStickyComment(deps.octokit, target, markdown, logger);
    }
  }

  const outputs: Record<string, string> = {
    ...reportOutputs(report),
    'report-path': paths.json,
    'markdown-path': paths.markdown,
    'comment-url': comment && comment.action !== 'skipped' ? comment.url : '',
    'comment-id': comment && comment.action !== 'skipped' ? String(comment.id) : '',
    'artifact-id': uploaded ? String(uploaded.id) : '',
    'artifact-url': linkToArtifact ?? '',
    'baseline-run-id': baseline?.runId ? String(baseline.runId) : '',
    'pull-request': ctx.pullRequest ? String(ctx.pullRequest.number) : '',
  };
  for (const [name, value] of Object.entries(outputs)) deps.setOutput(name, value);
  return {
    outputs,
    ...(comment && { comment }),
    ...(uploaded && { artifactId: uploaded.id }),
    ...(linkToArtifact && { artifactUrl: linkToArtifact }),
    markdown,
  };
}
