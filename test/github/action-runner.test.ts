/** The runner harness itself: INPUT_* env, GITHUB_OUTPUT heredocs, summary file, ::warning:: lines. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOutputFile, runAction } from '../helpers/action-runner.js';
import { startFakeGitHub } from '../helpers/fake-github-server.js';
import type { FakeGitHub } from '../helpers/fake-github-server.js';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
afterAll(() => fake?.close());

describe('action runner harness', () => {
  it('parses both output file forms', () => {
    expect(parseOutputFile('a=1\nb<<EOF_x\nline 1\nline 2\nEOF_x\nc=x=y\n')).toEqual({
      a: '1',
      b: 'line 1\nline 2',
      c: 'x=y',
    });
  });

  it('runs an entry the way the runner does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbon-delta-entry-'));
    const core = pathToFileURL(resolve('node_modules/@actions/core/lib/core.js')).href;
    const entry = join(dir, 'index.mjs');
    writeFileSync(
      entry,
      `import * as core from '${core}';
       import { readFileSync } from 'node:fs';
       const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
       core.setOutput('model', core.getInput('base-model'));
       core.setOutput('pr', String(event.pull_request.number));
       core.setOutput('multi', 'a\\nb');
       core.warning('careful\\nsecond line');
       await core.summary.addRaw('# hello', true).write();
       core.setFailed('gate failed');`,
    );
    const r = await runAction({
      fake,
      inputs: { 'base-model': 'm.onnx' },
      runId: 1,
      eventName: 'pull_request',
      event: { pull_request: { number: 7 } },
      workspace: dir,
      entry,
    });
    expect(r.exitCode).toBe(1);
    expect(r.outputs).toEqual({ model: 'm.onnx', pr: '7', multi: 'a\nb' });
    expect(r.summary).toBe('# hello\n');
    expect(r.warnings).toEqual(['careful\nsecond line']);
    expect(r.errors).toEqual(['gate failed']);
  });
});
