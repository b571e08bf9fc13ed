/**
 * The sticky PR comment: one per PR and marker id, updated in place. A comment is ours when it
 * holds the marker **and** was written by the expected author, so a user who pastes the marker
 * (or another bot) never gets their comment overwritten. A 403 (fork PR, missing
 * `pull-requests: write`) is a warning with the fix, never a failure.
 */
import type { Logger } from '../log.js';
import { markerFor } from '../report/markdown.js';
import { httpStatus } from './client.js';
import type { Octokit } from './client.js';

/** The author of comments made with the default GITHUB_TOKEN. */
export const ACTIONS_BOT = 'github-actions[bot]';

export interface StickyTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  markerId: string;
  /** Whose comments count as ours. Unverified: any bot account (an app token's `<slug>[bot]`) also counts. */
  author: CommentAuthor;
}

export type StickyResult =
  { action: 'created' | 'updated'; id: number; url: string } | { action: 'skipped'; reason: string };

export const FORBIDDEN_HINT =
  'The token may not write pull request comments. Give the job `permissions: pull-requests: write`; ' +
  'for pull requests from forks (read-only token) use the two-stage setup: `mode: measure` in the PR workflow ' +
  'and `mode: comment` in a `workflow_run` workflow (see docs/github.md). The job summary and the artifact are still written.';

export interface CommentAuthor {
  login: string;
  /** False when GET /user failed and `login` is the GITHUB_TOKEN default guess. */
  verified: boolean;
}

/**
 * The login comments are written as: `explicit` when given, else the token's user (GET /user),
 * else `github-actions[bot]` unverified (GITHUB_TOKEN and app tokens cannot call GET /user).
 */
export async function resolveCommentAuthor(octokit: Octokit, explicit?: string): Promise<CommentAuthor> {
  if (explicit) return { login: explicit, verified: true };
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return { login: data.login, verified: true };
  } catch {
    return { login: ACTIONS_BOT, verified: false };
  }
}

/** Our existing comment on the PR (oldest match), walking every page. */
export async function findStickyComment(
  octokit: Octokit,
  t: StickyTarget,
): Promise<{ id: number; url: string } | undefined> {
  const marker = markerFor(t.markerId);
  const author = t.author.login.toLowerCase();
  const ours = (user: { login: string; type?: string } | null | undefined) =>
    !!user && (user.login.toLowerCase() === author || (!t.author.verified && user.type === 'Bot'));
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: t.owner,
    repo: t.repo,
    issue_number: t.issueNumber,
    per_page: 100,
  })) {
    const found = page.data.find((c) => ours(c.user) && (c.body ?? '').includes(marker));
    if (found) return { id: found.id, url: found.html_url };
  }
  return undefined;
}

/** Updates our comment or creates one; a 403 becomes a warning and `skipped`. */
export async function upsertStickyComment(
  octokit: Octokit,
  t: StickyTarget,
  body: string,
  logger: Logger,
): Promise<StickyResult> {
  try {
    const existing = await findStickyComment(octokit, t);
    if (existing) {
      const { data } = await octokit.rest.issues.updateComment({
        owner: t.owner,
        repo: t.repo,
        comment_id: existing.id,
        body,
      });
      logger.info(`Updated the carbon-delta comment: ${data.html_url}`);
      return { action: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({
      owner: t.owner,
      repo: t.repo,
      issue_number: t.issueNumber,
      body,
    });
    logger.info(`Created the carbon-delta comment: ${data.html_url}`);
    return { action: 'created', id: data.id, url: data.html_url };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 403 || status === 404) {
      const reason = `Could not comment on #${t.issueNumber} (HTTP ${status}). ${FORBIDDEN_HINT}`;
      logger.warn(reason);
      return { action: 'skipped', reason };
    }
    throw error;
  }
}
