/**
 * What the run is about, read once from the runner's environment (seam: pass `env`). Tests and
 * the end-to-end harness give their own env instead of mutating `process.env`.
 */
import { readFileSync } from 'node:fs';

export interface PullRequestInfo {
  number: number;
  baseRef: string;
  headSha: string;
  /** `owner/repo` of the head; differs from the repository for fork PRs. */
  headRepo: string;
}

export interface WorkflowRunInfo {
  id: number;
  headSha: string;
  headBranch: string;
  /** `owner/repo` the head commit lives in. */
  headRepo: string;
  event: string;
  conclusion: string | null;
}

export interface GitHubContext {
  apiUrl: string;
  serverUrl: string;
  owner: string;
  repo: string;
  runId: number | null;
  eventName: string;
  /** The commit the report is about: the PR head on pull requests, else GITHUB_SHA. */
  sha: string;
  /** `owner/repo/.github/workflows/ci.yml@refs/...`, when the runner gives it. */
  workflowRef?: string;
  pullRequest?: PullRequestInfo;
  /** The triggering run of a `workflow_run` event. */
  workflowRun?: WorkflowRunInfo;
}

type Json = Record<string, unknown>;

function obj(x: unknown): Json | undefined {
  return x && typeof x === 'object' ? (x as Json) : undefined;
}

function readEvent(path: string | undefined): Json {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Json;
  } catch {
    return {};
  }
}

/** Reads the context from `env` (default `process.env`) and the event JSON it points to. */
export function readGitHubContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const pr = obj(event.pull_request);
  const wr = obj(event.workflow_run);
  const repoName = (x: unknown) => String(obj(x)?.full_name ?? '');
  const runId = Number(env.GITHUB_RUN_ID);
  const pullRequest: PullRequestInfo | undefined = pr
    ? {
        number: Number(pr.number),
        baseRef: String(obj(pr.base)?.ref ?? ''),
        headSha: String(obj(pr.head)?.sha ?? ''),
        headRepo: repoName(obj(pr.head)?.repo),
      }
    : undefined;
  const workflowRun: WorkflowRunInfo | undefined = wr
    ? {
        id: Number(wr.id),
        headSha: String(wr.head_sha ?? ''),
        headBranch: String(wr.head_branch ?? ''),
        headRepo: repoName(wr.head_repository),
        event: String(wr.event ?? ''),
        conclusion: wr.conclusion == null ? null : String(wr.conclusion),
      }
    : undefined;
  return {
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, ''),
    owner,
    repo,
    runId: Number.isFinite(runId) && runId > 0 ? runId : null,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: pullRequest?.headSha || env.GITHUB_SHA || '',
    ...(env.GITHUB_WORKFLOW_REF && { workflowRef: env.GITHUB_WORKFLOW_REF }),
    ...(pullRequest && { pullRequest }),
    ...(workflowRun && { workflowRun }),
  };
}

/** Link to the run: `<server>/<owner>/<repo>/actions/runs/<id>`. */
export function runUrl(ctx: GitHubContext, runId = ctx.runId): string | undefined {
  return runId ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${runId}` : undefined;
}

/** Link to an artifact of the run. */
export function artifactUrl(ctx: GitHubContext, artifactId: number, runId = ctx.runId): string | undefined {
  return runId
    ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${runId}/artifacts/${artifactId}`
    : undefined;
}

/** The workflow file (`ci.yml`) from GITHUB_WORKFLOW_REF, usable as `workflow_id` in the REST API. */
export function workflowFile(ctx: GitHubContext): string | undefined {
  const m = ctx.workflowRef?.match(/\/\.github\/workflows\/([^@/]+)@/);
  return m?.[1];
}
