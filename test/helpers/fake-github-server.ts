/**
 * One local `node:http` server on 127.0.0.1 that plays GitHub for the real `@actions/github`
 * and `@actions/artifact` clients:
 *
 * - REST (`GITHUB_API_URL`): GET /user, issue comments (list with Link pagination, create,
 *   update), workflow runs (one run; runs of a workflow filtered by branch/status/event),
 *   run artifacts (list, `?name=`), artifact zip download (302 to a blob URL on this server),
 *   pulls for a commit SHA and pulls by `head=owner:branch`.
 * - Artifact results service (`ACTIONS_RESULTS_URL`): Twirp JSON CreateArtifact,
 *   FinalizeArtifact, ListArtifacts, GetSignedArtifactURL.
 * - Blob storage: Azure block-blob PUT (`comp=block` staged blocks + `comp=blocklist` commit,
 *   or a single PUT), and GET.
 *
 * Tokens map to users (`addToken`); an `installation` token answers GET /user with 403 like
 * GITHUB_TOKEN does and writes comments as `github-actions[bot]`. Every request is recorded in
 * `calls`. Runtime tokens (`runtimeToken(runId)`) are JWTs whose `scp` claim holds
 * `Actions.Results:<runId>:<jobId>`, which is how the artifact client learns its run.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Login the token belongs to, `runtime` for the results service, undefined when anonymous. */
  as?: string;
  status: number;
}

export interface FakeUser {
  login: string;
  /** `installation`: GET /user → 403 and comments appear as `github-actions[bot]`. */
  kind: 'user' | 'installation';
  /** 403 on comment writes (fork PR token / missing `pull-requests: write`). */
  readOnly?: boolean;
  /** Author of comments written with an installation token (default `github-actions[bot]`; an app: `<slug>[bot]`). */
  commentsAs?: string;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
  created_at: string;
  updated_at: string;
  html_url: string;
}

export interface FakeRun {
  id: number;
  /** Workflow file name (`ci.yml`) or numeric id as a string. */
  workflow: string;
  workflow_id: number;
  head_branch: string;
  head_sha: string;
  event: string;
  status: 'completed' | 'in_progress';
  conclusion: 'success' | 'failure' | null;
  head_repository: { full_name: string; owner: { login: string } };
  created_at: string;
}

export interface FakeArtifact {
  id: number;
  runId: number;
  name: string;
  size: number;
  blobKey: string;
  digest?: string;
  finalized: boolean;
  created_at: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  head: { sha: string; ref: string; repo: { full_name: string } };
  base: { ref: string };
  html_url: string;
}

interface Blob {
  blocks: Map<string, Buffer>;
  data?: Buffer;
  contentType: string;
}

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class FakeGitHub {
  readonly calls: Call[] = [];
  readonly comments: FakeComment[] = [];
  readonly runs: FakeRun[] = [];
  readonly artifacts: FakeArtifact[] = [];
  readonly pulls: FakePull[] = [];
  readonly blobs = new Map<string, Blob>();
  /** Page size when the client asks for none (GitHub: 30). */
  defaultPerPage = 30;
  private readonly users = new Map<string, FakeUser>();
  private nextId = 1000;
  private clock = Date.parse('2026-12-01T00:00:00Z');

  constructor(
    private readonly server: Server,
    readonly url: string,
    readonly owner: string,
    readonly repo: string,
  ) {}

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /** Registers a token. */
  addToken(token: string, user: FakeUser): void {
    this.users.set(token, user);
  }

  /** A JWT for ACTIONS_RUNTIME_TOKEN whose scope names `runId` (and `jobId`). */
  runtimeToken(runId: number, jobId = 1): string {
    const payload = {
      scp: `Actions.GenericRead:00000000 Actions.Results:${runId}:${jobId}`,
      iss: 'fake-github',
    };
    return `${base64url('{"alg":"none","typ":"JWT"}')}.${base64url(JSON.stringify(payload))}.sig`;
  }

  /** Adds a workflow run (newest last by creation time). */
  addRun(run: Partial<FakeRun> & { id: number; head_branch: string }): FakeRun {
    const full: FakeRun = {
      workflow: 'ci.yml',
      workflow_id: 77,
      head_sha: `${run.id.toString(16).padStart(7, '0')}${'0'.repeat(33)}`,
      event: 'push',
      status: 'completed',
      conclusion: 'success',
      head_repository: { full_name: this.fullName, owner: { login: this.owner } },
      created_at: this.tick(),
      ...run,
    };
    this.runs.push(full);
    return full;
  }

  addPull(pull: Omit<FakePull, 'html_url' | 'state'> & { state?: FakePull['state'] }): FakePull {
    const full: FakePull = {
      state: 'open',
      html_url: `https://github.com/${this.fullName}/pull/${pull.number}`,
      ...pull,
    };
    this.pulls.push(full);
    return full;
  }

  /** Adds a comment as `login` directly (someone else's comment, a stale one, ...). */
  addComment(issue: number, login: string, body: string): FakeComment {
    const at = this.tick();
    const id = this.nextId++;
    const c = {
      id,
      issue,
      body,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: at,
      updated_at: at,
      html_url: `https://github.com/${this.fullName}/pull/${issue}#issuecomment-${id}`,
    };
    this.comments.push(c);
    return c;
  }

  /** The committed bytes of an artifact's blob (a zip, unless uploaded raw). */
  artifactBytes(artifact: FakeArtifact): Buffer | undefined {
    return this.blobs.get(artifact.blobKey)?.data;
  }

  callsTo(method: string, pathPattern: RegExp): Call[] {
    return this.calls.filter((c) => c.method === method && pathPattern.test(c.path));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections?.();
      this.server.close(() => resolve());
    });
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }

  /** Request handler. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', this.url);
    const query = Object.fromEntries(u.searchParams.entries());
    const call: Call = { method: req.method ?? 'GET', path: u.pathname, query, status: 0 };
    this.calls.push(call);
    const body = await readBody(req);
    const send = (status: number, data?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      const text =
        data === undefined
          ? ''
          : typeof data === 'string' || Buffer.isBuffer(data)
            ? data
            : JSON.stringify(data);
      res.writeHead(status, {
        ...(data !== undefined &&
          !Buffer.isBuffer(data) && { 'content-type': 'application/json; charset=utf-8' }),
        ...headers,
      });
      res.end(text);
    };
    try {
      if (u.pathname.startsWith(TWIRP))
        return this.twirp(u.pathname.slice(TWIRP.length), req, body, call, send);
      if (u.pathname.startsWith('/blob/')) return this.blob(u, req, body, send);
      return this.rest(u, req, body, call, send);
    } catch (error) {
      send(500, { message: String(error) });
    }
  }

  private auth(req: IncomingMessage): FakeUser | undefined {
    const header = req.headers.authorization ?? '';
    const token = header.replace(/^(token|bearer)\s+/i, '');
    return this.users.get(token);
  }

  private rest(
    u: URL,
    req: IncomingMessage,
    body: Buffer,
    call: Call,
    send: (s: number, d?: unknown, h?: Record<string, string>) => void,
  ): void {
    const user = this.auth(req);
    if (!user) return send(401, { message: 'Bad credentials' });
    call.as = user.login;
    const repoPrefix = `/repos/${this.owner}/${this.repo}`;
    const p = u.pathname;
    const m = (re: RegExp) => p.match(re);
    let match: RegExpMatchArray | null;
    const method = req.method;
    if (method === 'GET' && p === '/user') {
      if (user.kind === 'installation')
        return send(403, { message: 'Resource not accessible by integration' });
      return send(200, { login: user.login, id: 1, type: 'User' });
    }
    if (!p.startsWith(repoPrefix)) return send(404, { message: 'Not Found' });
    const rest = p.slice(repoPrefix.length);
    const author = user.kind === 'installation' ? (user.commentsAs ?? 'github-actions[bot]') : user.login;

    if ((match = m(/\/issues\/(\d+)\/comments$/)) && method === 'GET') {
      const issue = Number(match[1]);
      const all = this.comments.filter((c) => c.issue === issue);
      return this.paginate(u, all, send);
    }
    if ((match = m(/\/issues\/(\d+)\/comments$/)) && method === 'POST') {
      if (user.readOnly) return send(403, { message: 'Resource not accessible by integration' });
      const c = this.addComment(Number(match[1]), author, JSON.parse(body.toString()).body);
      return send(201, c);
    }
    if ((match = m(/\/issues\/comments\/(\d+)$/)) && method === 'PATCH') {
      if (user.readOnly) return send(403, { message: 'Resource not accessible by integration' });
      const c = this.comments.find((x) => x.id === Number(match![1]));
      if (!c) return send(404, { message: 'Not Found' });
      if (c.user.login !== author) return send(403, { message: 'You cannot edit this comment' });
      c.body = JSON.parse(body.toString()).body;
      c.updated_at = this.tick();
      return send(200, c);
    }
    if ((match = rest.match(/^\/actions\/runs\/(\d+)$/)) && method === 'GET') {
      const run = this.runs.find((r) => r.id === Number(match![1]));
      return run ? send(200, this.runJson(run)) : send(404, { message: 'Not Found' });
    }
    if ((match = rest.match(/^\/actions\/workflows\/([^/]+)\/runs$/)) && method === 'GET') {
      const wf = decodeURIComponent(match[1]);
      const q = Object.fromEntries(u.searchParams.entries());
      const runs = this.runs
        .filter((r) => r.workflow === wf || String(r.workflow_id) === wf)
        .filter((r) => !q.branch || r.head_branch === q.branch)
        .filter((r) => !q.event || r.event === q.event)
        .filter(
          (r) =>
            !q.status ||
            (q.status === 'completed'
              ? r.status === 'completed'
              : q.status === 'success'
                ? r.conclusion === 'success'
                : r.status === q.status),
        )
        .sort((a, b) => b.created_at.localeCompare(a.created_at));
      const perPage = Number(q.per_page ?? this.defaultPerPage);
      const page = Number(q.page ?? 1);
      return send(200, {
        total_count: runs.length,
        workflow_runs: runs.slice((page - 1) * perPage, page * perPage).map((r) => this.runJson(r)),
      });
    }
    if ((match = rest.match(/^\/actions\/runs\/(\d+)\/artifacts$/)) && method === 'GET') {
      const runId = Number(match[1]);
      const name = u.searchParams.get('name');
      const list = this.artifacts.filter(
        (a) => a.runId === runId && a.finalized && (!name || a.name === name),
      );
      const perPage = Number(u.searchParams.get('per_page') ?? this.defaultPerPage);
      const page = Number(u.searchParams.get('page') ?? 1);
      return send(200, {
        total_count: list.length,
        artifacts: list.slice((page - 1) * perPage, page * perPage).map((a) => this.artifactJson(a)),
      });
    }
    if ((match = rest.match(/^\/actions\/artifacts\/(\d+)\/zip$/)) && method === 'GET') {
      const a = this.artifacts.find((x) => x.id === Number(match![1]) && x.finalized);
      if (!a) return send(404, { message: 'Not Found' });
      return send(302, undefined, { location: `${this.url}/blob/${a.blobKey}?sig=signed-download` });
    }
    if ((match = rest.match(/^\/commits\/([0-9a-f]+)\/pulls$/)) && method === 'GET') {
      // Like GitHub, only pulls whose head lives in this repository are found by commit.
      const list = this.pulls.filter(
        (pr) => pr.head.sha === match![1] && pr.head.repo.full_name === this.fullName,
      );
      return send(200, list);
    }
    if (rest === '/pulls' && method === 'GET') {
      const head = u.searchParams.get('head');
      const state = u.searchParams.get('state') ?? 'open';
      const list = this.pulls.filter(
        (pr) =>
          (state === 'all' || pr.state === state) &&
          (!head || `${pr.head.repo.full_name.split('/')[0]}:${pr.head.ref}` === head),
      );
      return send(200, list);
    }
    return send(404, { message: `Not Found (fake has no ${method} ${p})` });
  }

  private paginate(
    u: URL,
    all: unknown[],
    send: (s: number, d?: unknown, h?: Record<string, string>) => void,
  ): void {
    const perPage = Number(u.searchParams.get('per_page') ?? this.defaultPerPage);
    const page = Number(u.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (n: number) => {
      const next = new URL(u.toString());
      next.searchParams.set('per_page', String(perPage));
      next.searchParams.set('page', String(n));
      return `<${next.toString()}>`;
    };
    const links: string[] = [];
    if (page < last) links.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
    if (page > 1) links.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`);
    send(
      200,
      all.slice((page - 1) * perPage, page * perPage),
      links.length > 0 ? { link: links.join(', ') } : {},
    );
  }

  private runJson(r: FakeRun): Record<string, unknown> {
    return {
      ...r,
      path: `.github/workflows/${r.workflow}`,
      html_url: `https://github.com/${this.fullName}/actions/runs/${r.id}`,
      repository: { full_name: this.fullName },
    };
  }

  private artifactJson(a: FakeArtifact): Record<string, unknown> {
    return {
      id: a.id,
      name: a.name,
      size_in_bytes: a.size,
      created_at: a.created_at,
      expired: false,
      digest: a.digest,
      archive_download_url: `${this.url}/repos/${this.fullName}/actions/artifacts/${a.id}/zip`,
      workflow_run: { id: a.runId },
    };
  }

  private twirp(
    method: string,
    req: IncomingMessage,
    body: Buffer,
    call: Call,
    send: (s: number, d?: unknown) => void,
  ): void {
    const token = (req.headers.authorization ?? '').replace(/^bearer\s+/i, '');
    const scope = (() => {
      try {
        const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
        return String(payload.scp ?? '')
          .split(' ')
          .find((s: string) => s.startsWith('Actions.Results:'));
      } catch {
        return undefined;
      }
    })();
    if (!scope)
      return send(401, { code: 'unauthenticated', msg: 'no Actions.Results scope in the runtime token' });
    call.as = 'runtime';
    const input = JSON.parse(body.toString() || '{}');
    const runId = Number(input.workflow_run_backend_id);
    if (method === 'CreateArtifact') {
      const blobKey = `artifact-${this.nextId}-${encodeURIComponent(input.name)}`;
      this.blobs.set(blobKey, {
        blocks: new Map(),
        contentType: String(input.mime_type ?? 'application/zip'),
      });
      this.artifacts.push({
        id: this.nextId++,
        runId,
        name: input.name,
        size: 0,
        blobKey,
        finalized: false,
        created_at: this.tick(),
      });
      return send(200, { ok: true, signed_upload_url: `${this.url}/blob/${blobKey}?sig=signed-upload` });
    }
    if (method === 'FinalizeArtifact') {
      const a = [...this.artifacts]
        .reverse()
        .find((x) => x.runId === runId && x.name === input.name && !x.finalized);
      if (!a) return send(404, { code: 'not_found', msg: `no pending artifact ${input.name}` });
      a.finalized = true;
      a.size = Number(input.size ?? 0);
      a.digest = input.hash;
      return send(200, { ok: true, artifact_id: String(a.id) });
    }
    if (method === 'ListArtifacts') {
      const list = this.artifacts.filter(
        (a) =>
          a.finalized &&
          a.runId === runId &&
          (!input.name_filter || a.name === input.name_filter) &&
          (!input.id_filter || a.id === Number(input.id_filter)),
      );
      return send(200, {
        artifacts: list.map((a) => ({
          workflow_run_backend_id: String(a.runId),
          workflow_job_run_backend_id: '1',
          database_id: String(a.id),
          name: a.name,
          size: String(a.size),
          created_at: a.created_at,
        })),
      });
    }
    if (method === 'GetSignedArtifactURL') {
      const a = this.artifacts.find((x) => x.finalized && x.runId === runId && x.name === input.name);
      if (!a) return send(404, { code: 'not_found', msg: 'artifact not found' });
      return send(200, { signed_url: `${this.url}/blob/${a.blobKey}?sig=signed-download` });
    }
    return send(404, { code: 'bad_route', msg: `no method ${method}` });
  }

  private blob(
    u: URL,
    req: IncomingMessage,
    body: Buffer,
    send: (s: number, d?: unknown, h?: Record<string, string>) => void,
  ): void {
    const key = u.pathname.slice('/blob/'.length);
    const blob = this.blobs.get(key);
    if (!blob) return send(404, '<Error><Code>BlobNotFound</Code></Error>');
    const common = {
      'x-ms-request-id': `req-${this.calls.length}`,
      'x-ms-version': '2025-01-05',
      date: new Date().toUTCString(),
    };
    const comp = u.searchParams.get('comp');
    if (req.method === 'PUT' && comp === 'block') {
      blob.blocks.set(u.searchParams.get('blockid') ?? '', body);
      return send(201, '', { ...common, 'x-ms-request-server-encrypted': 'true' });
    }
    if (req.method === 'PUT' && comp === 'blocklist') {
      const ids = [...body.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map(
        (x) => x[1],
      );
      blob.data = Buffer.concat(ids.map((id) => blob.blocks.get(id) ?? Buffer.alloc(0)));
      return send(201, '', {
        ...common,
        etag: `"0x${this.nextId++}"`,
        'last-modified': new Date().toUTCString(),
      });
    }
    if (req.method === 'PUT' && !comp) {
      blob.data = body;
      return send(201, '', {
        ...common,
        etag: `"0x${this.nextId++}"`,
        'last-modified': new Date().toUTCString(),
      });
    }
    if (req.method === 'GET' && blob.data) {
      return send(200, blob.data, {
        'content-type': blob.contentType,
        'content-length': String(blob.data.length),
      });
    }
    return send(400, '<Error><Code>InvalidOperation</Code></Error>');
  }
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeGitHub(owner = 'acme', repo = 'vision'): Promise<FakeGitHub> {
  const holder: { fake?: FakeGitHub } = {};
  const server = createServer((req, res) => void holder.fake?.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  holder.fake = new FakeGitHub(server, `http://127.0.0.1:${port}`, owner, repo);
  return holder.fake;
}
