/**
 * What the action adapter calls: one session per run (context, clients, scratch folder), then
 * `loadBaseline` → (evaluate) → `publish`, or `commentStage` for `mode: comment`. The default
 * summary/output seams write through @actions/core (GITHUB_STEP_SUMMARY / GITHUB_OUTPUT).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { InputValues } from '../config/define.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Report } from '../report/types.js';
import type { ArtifactClient } from './artifacts.js';
import { defaultArtifactClient } from './artifacts.js';
import { findBaseline } from './baseline.js';
import type { BaselineResult } from './baseline.js';
import { createOctokit } from './client.js';
import type { Octokit } from './client.js';
import { runCommentMode } from './comment-mode.js';
import type { CommentModeResult } from './comment-mode.js';
import { readGitHubContext } from './context.js';
import type { GitHubContext } from './context.js';
import { readGithubOptions } from './inputs.js';
import type { GithubOptions } from './inputs.js';
import { publishReport } from './publish.js';
import type { PublishResult, ReportPaths } from './publish.js';

export interface GitHubSession {
  ctx: GitHubContext;
  options: GithubOptions;
  logger: Logger;
  /** Absent without a token. */
  octokit?: Octokit;
  artifacts: ArtifactClient;
  tmpDir: string;
  writeSummary: (markdown: string) => Promise<void>;
  setOutput: (name: string, value: string) => void;
}

/** Job summary through @actions/core (appends to GITHUB_STEP_SUMMARY). */
export async function coreWriteSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(markdown, true).write();
}

/** Opens the session from the validated inputs and the runner's environment. */
export function openGitHubSession(
  values: InputValues,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): GitHubSession {
  const options = readGithubOptions(values);
  const ctx = readGitHubContext(env);
  return {
    ctx,
    options,
    logger,
    ...(options.token && { octokit: createOctokit(options.token, ctx.apiUrl) }),
    artifacts: defaultArtifactClient(),
    tmpDir: mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'carbon-delta-')),
    writeSummary: coreWriteSummary,
    setOutput: (name, value) => core.setOutput(name, value),
  };
}

/** The base-branch baseline for the gate; `undefined` when `baseline: off` or not a pull request. */
export async function loadBaseline(s: GitHubSession): Promise<BaselineResult | undefined> {
  if (s.options.baseline === 'off') return undefined;
  if (!s.ctx.pullRequest && !s.options.baselineBranch) return undefined;
  if (!s.octokit) return { report: null, note: 'No baseline: no github-token.' };
  return findBaseline({
    octokit: s.octokit,
    artifacts: s.artifacts,
    ctx: s.ctx,
    token: s.options.token,
    artifactName: s.options.artifactName,
    ...(s.options.baselineBranch && { branch: s.options.baselineBranch }),
    tmpDir: s.tmpDir,
    logger: s.logger,
  });
}

/** Artifact, job summary, sticky comment (mode all) and outputs for a finished report. */
export function publish(
  s: GitHubSession,
  report: Report,
  paths: ReportPaths,
  baseline?: BaselineResult,
): Promise<PublishResult> {
  return publishReport(
    report,
    paths,
    s.options,
    {
      ctx: s.ctx,
      logger: s.logger,
      ...(s.octokit && { octokit: s.octokit }),
      artifacts: s.artifacts,
      writeSummary: s.writeSummary,
      setOutput: s.setOutput,
    },
    baseline,
  );
}

/** `mode: comment`: the second stage of the fork-safe pair (no measuring). */
export async function commentStage(s: GitHubSession): Promise<CommentModeResult> {
  if (!s.octokit)
    throw new UserError(
      'mode: comment needs a token that may comment (the default ${{ github.token }} with pull-requests: write).',
      { input: 'github-token' },
    );
  return runCommentMode(s.options, {
    ctx: s.ctx,
    logger: s.logger,
    octokit: s.octokit,
    artifacts: s.artifacts,
    tmpDir: s.tmpDir,
    setOutput: s.setOutput,
  });
}
