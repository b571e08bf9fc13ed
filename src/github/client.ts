/** The Octokit the GitHub modules share: `@actions/github`'s, pointed at an explicit API URL. */
import { getOctokit } from '@actions/github';

export type Octokit = ReturnType<typeof getOctokit>;

/** An authenticated Octokit for `apiUrl` (GITHUB_API_URL; a local fake in tests). */
export function createOctokit(token: string, apiUrl: string): Octokit {
  return getOctokit(token, { baseUrl: apiUrl });
}

/** The HTTP status of an Octokit error, if it has one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}
