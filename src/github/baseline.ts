/**
 * The base-branch baseline: the newest successful run of this workflow on the base branch that
 * has our artifact, and the `report.json` in it. Runs triggered by pull requests (a fork can name
 * its branch `main`) and runs of other repositories are ignored. Never throws: no baseline is a
 * note in the gate, not a failure.
 */
import { join } from 'node:path';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Report } from '../report/types.js';
import { downloadRunArtifact } from './artifacts.js';
import type { ArtifactClient } from './artifacts.js';
import { httpStatus } from './client.js';
import type { Octokit } from './client.js';
import type { GitHubContext } from './context.js';
import { runUrl, workflowFile } from './context.js';
import { readReportFile } from './report-file.js';

export interface BaselineResult {
  report: Report | null;
  /** Why there is no baseline, or where it came from. */
  note: string;
  runId?: number;
  runUrl?: string;
  sha?: string;
}

export interface BaselineQuery {
  octokit: Octokit;
  artifacts: ArtifactClient;
  ctx: GitHubContext;
  token: string;
  artifactName: string;
  /** Default: the pull request's base branch. */
  branch?: string;
  /** Scratch folder for the download. */
  tmpDir: string;
  logger: Logger;
  /** Successful runs looked at, newest first. Default 10. */
  maxRuns?: number;
}

async function workflowId(q: BaselineQuery): Promise<string | number | undefined> {
  const file = workflowFile(q.ctx);
  if (file) return file;
  if (!q.ctx.runId) return undefined;
  const { data } = await q.octokit.rest.actions.getWorkflowRun({
    owner: q.ctx.owner,
    repo: q.ctx.repo,
    run_id: q.ctx.runId,
  });
  return data.workflow_id;
}

/** Finds and reads the baseline report. */
export async function findBaseline(q: BaselineQuery): Promise<BaselineResult> {
  const { ctx, logger } = q;
  const branch = q.branch ?? ctx.pullRequest?.baseRef;
  if (!branch) return { report: null, note: 'No baseline: not a pull request and no baseline-branch given.' };
  if (!q.token) return { report: null, note: 'No baseline: no github-token.' };
  if (!q.artifactName) return { report: null, note: 'No baseline: artifact-name is empty.' };
  try {
    const workflow = await workflowId(q);
    if (workflow == null)
      return {
        report: null,
        note: 'No baseline: the workflow of this run is unknown (GITHUB_WORKFLOW_REF and GITHUB_RUN_ID unset).',
      };
    const { data } = await q.octokit.rest.actions.listWorkflowRuns({
      owner: ctx.owner,
      repo: ctx.repo,
      workflow_id: workflow,
      branch,
      status: 'success',
      per_page: q.maxRuns ?? 10,
    });
    const own = `${ctx.owner}/${ctx.repo}`.toLowerCase();
    const runs = data.workflow_runs.filter(
      (r) =>
        r.id !== ctx.runId &&
        !r.event.startsWith('pull_request') &&
        (r.head_repository?.full_name ?? own).toLowerCase() === own,
    );
    for (const run of runs) {
      const got = await downloadRunArtifact(q.artifacts, {
        name: q.artifactName,
        runId: run.id,
        owner: ctx.owner,
        repo: ctx.repo,
        token: q.token,
        dir: join(q.tmpDir, 'baseline'),
      });
      if (!got) {
        logger.debug(`Run ${run.id} on ${branch} has no artifact ${q.artifactName}.`);
        continue;
      }
      const report = await readReportFile(join(got.dir, 'report.json'));
      const url = runUrl(ctx, run.id);
      logger.info(`Baseline: report.json of run ${run.id} on ${branch} (${run.head_sha.slice(0, 7)}).`);
      return {
        report,
        note: `Baseline: run ${run.id} on ${branch} (${run.head_sha.slice(0, 7)}).`,
        runId: run.id,
        ...(url && { runUrl: url }),
        sha: run.head_sha,
      };
    }
    return {
      report: null,
      note: `No baseline: none of the last ${runs.length} successful runs of this workflow on ${branch} has the artifact "${q.artifactName}" (first run, or expired).`,
    };
  } catch (error) {
    const status = httpStatus(error);
    const hint = status === 403 || status === 404 ? ' Give the job `permissions: actions: read`.' : '';
    const note = `No baseline: looking it up failed (${errorMessage(error)}).${hint}`;
    logger.warn(note);
    return { report: null, note };
  }
}
