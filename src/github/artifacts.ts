/**
 * Artifacts through `@actions/artifact` (v2 results service): upload the report folder, and
 * find + download an artifact of another run by name (`findBy`, needs `actions: read`).
 */
import { basename, join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { ArtifactNotFoundError, DefaultArtifactClient } from '@actions/artifact';
import type { ArtifactClient } from '@actions/artifact';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';

export type { ArtifactClient };

/** The real client (reads ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL when it uploads). */
export function defaultArtifactClient(): ArtifactClient {
  return new DefaultArtifactClient();
}

export interface UploadedArtifact {
  id: number;
  size: number;
}

/**
 * Uploads `files` (all under `rootDir`) as one zipped artifact. Failures are warnings: the
 * report is already on disk and in the summary, and the gate must still decide the exit code.
 */
export async function uploadReportArtifact(
  client: ArtifactClient,
  name: string,
  files: readonly string[],
  rootDir: string,
  logger: Logger,
  retentionDays?: number,
): Promise<UploadedArtifact | null> {
  try {
    const result = await client.uploadArtifact(
      name,
      [...files],
      rootDir,
      retentionDays ? { retentionDays } : {},
    );
    if (result.id == null) throw new Error('the artifact service returned no id');
    logger.info(
      `Uploaded artifact ${name} (${files.map((f) => basename(f)).join(', ')}; ${result.size ?? 0} bytes, id ${result.id}).`,
    );
    return { id: result.id, size: result.size ?? 0 };
  } catch (error) {
    logger.warn(
      `Could not upload the artifact "${name}": ${errorMessage(error)}. The report files are still in the output folder.`,
    );
    return null;
  }
}

export interface RunArtifactQuery {
  name: string;
  runId: number;
  owner: string;
  repo: string;
  token: string;
  /** Folder to extract into (created). */
  dir: string;
}

/** Downloads artifact `name` of run `runId` into `dir`; `null` when the run has no such artifact. */
export async function downloadRunArtifact(
  client: ArtifactClient,
  q: RunArtifactQuery,
): Promise<{ dir: string; artifactId: number } | null> {
  const findBy = { token: q.token, workflowRunId: q.runId, repositoryOwner: q.owner, repositoryName: q.repo };
  let artifactId: number;
  try {
    const { artifact } = await client.getArtifact(q.name, { findBy });
    artifactId = artifact.id;
  } catch (error) {
    if (error instanceof ArtifactNotFoundError || /not found/i.test(errorMessage(error))) return null;
    throw error;
  }
  const dir = join(q.dir, `run-${q.runId}`);
  await mkdir(dir, { recursive: true });
  await client.downloadArtifact(artifactId, { path: dir, findBy });
  return { dir, artifactId };
}
