/**
 * Inputs of the GitHub front door: where the comment goes, which mode runs, the artifact and
 * the base-branch baseline. Action-only (the CLI never talks to GitHub).
 */
import { defineInputs } from '../config/define.js';
import type { InputValues } from '../config/define.js';
import { UserError } from '../errors.js';

export const githubInputs = defineInputs([
  {
    name: 'github-token',
    type: 'string',
    default: '${{ github.token }}',
    description:
      'Token for comments, artifacts and the baseline lookup. Needs pull-requests: write (comment) and actions: read (baseline, comment mode).',
    scope: 'action',
  },
  {
    name: 'mode',
    type: 'enum',
    choices: ['all', 'measure', 'comment'] as const,
    default: 'all',
    description:
      'all: measure, then publish summary, artifact and PR comment. measure: summary and artifact only (no write permissions; fork-safe first stage). comment: second stage in a workflow_run workflow; downloads the artifact of the triggering run and posts the comment.',
    scope: 'action',
  },
  {
    name: 'comment',
    type: 'boolean',
    default: true,
    description: 'Create or update one sticky comment on the pull request.',
    scope: 'action',
  },
  {
    name: 'comment-id',
    type: 'string',
    default: 'default',
    description:
      'Id in the hidden marker <!-- carbon-delta:ID -->; use different ids for several carbon-delta comments on one PR (letters, digits, . _ -).',
    scope: 'action',
  },
  {
    name: 'comment-author',
    type: 'string',
    description:
      'Login whose comments count as ours (others with the same marker are left alone). Default: the token’s user (GET /user), else github-actions[bot].',
    scope: 'action',
  },
  {
    name: 'summary',
    type: 'boolean',
    default: true,
    description: 'Write the report to the job summary.',
    scope: 'action',
  },
  {
    name: 'artifact-name',
    type: 'string',
    default: 'carbon-delta-report',
    description:
      'Name of the uploaded artifact (report.json, report.md, emissions.csv, raw samples); also the name looked for on the base branch and in comment mode. Empty: no upload.',
    scope: 'action',
  },
  {
    name: 'artifact-retention-days',
    type: 'integer',
    min: 1,
    max: 90,
    description: 'Days to keep the artifact. Default: the repository setting.',
    scope: 'action',
  },
  {
    name: 'baseline',
    type: 'enum',
    choices: ['auto', 'off'] as const,
    default: 'auto',
    description:
      'auto: on a pull request, gate against report.json of the newest successful run of this workflow on the base branch (needs actions: read). off: no baseline.',
    scope: 'action',
  },
  {
    name: 'baseline-branch',
    type: 'string',
    description:
      'Branch whose latest successful run is the baseline. Default: the pull request’s base branch.',
    scope: 'action',
  },
]);

export interface GithubOptions {
  /** Empty when no token was given (then nothing that needs the API runs). */
  token: string;
  mode: 'all' | 'measure' | 'comment';
  comment: boolean;
  commentId: string;
  commentAuthor?: string;
  summary: boolean;
  /** Empty string: no artifact upload. */
  artifactName: string;
  artifactRetentionDays?: number;
  baseline: 'auto' | 'off';
  baselineBranch?: string;
}

function str(values: InputValues, name: string): string | undefined {
  const v = values[name];
  return v === undefined ? undefined : String(v).trim();
}

/** Typed GitHub options; throws `UserError` naming the input on a bad value. */
export function readGithubOptions(values: InputValues): GithubOptions {
  const mode = str(values, 'mode') ?? 'all';
  if (mode !== 'all' && mode !== 'measure' && mode !== 'comment') {
    throw new UserError(`expected all, measure or comment, got "${mode}".`, { input: 'mode' });
  }
  const baseline = str(values, 'baseline') ?? 'auto';
  if (baseline !== 'auto' && baseline !== 'off') {
    throw new UserError(`expected auto or off, got "${baseline}".`, { input: 'baseline' });
  }
  const commentId = str(values, 'comment-id') || 'default';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(commentId)) {
    throw new UserError(`"${commentId}" may only hold letters, digits, ".", "_" and "-" (at most 64).`, {
      input: 'comment-id',
    });
  }
  const artifactName = str(values, 'artifact-name') ?? 'carbon-delta-report';
  if (/[":<>|*?\\/\r\n]/.test(artifactName)) {
    throw new UserError(
      `"${artifactName}" contains a character artifacts may not have (" : < > | * ? \\ /).`,
      { input: 'artifact-name' },
    );
  }
  const token = str(values, 'github-token') ?? '';
  const retention = values['artifact-retention-days'];
  return {
    token: token.startsWith('${{') ? '' : token,
    mode,
    comment: values['comment'] !== false,
    commentId,
    ...(str(values, 'comment-author') && { commentAuthor: str(values, 'comment-author') }),
    summary: values['summary'] !== false,
    artifactName,
    ...(typeof retention === 'number' && { artifactRetentionDays: retention }),
    baseline,
    ...(str(values, 'baseline-branch') && { baselineBranch: str(values, 'baseline-branch') }),
  };
}
