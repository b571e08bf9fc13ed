import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { execCollect } from '../../src/runtime/exec.js';
import {
  KOFFI_VERSION,
  ORT_VERSION,
  resolveOrt,
  toolCacheInstallDir,
  type ResolveOrtOptions,
} from '../../src/runtime/resolve.js';
import pkg from '../../package.json' with { type: 'json' };

/** A fake `npm` executable: records its arguments and env, then lays out a fake onnxruntime-node. */
function fakeNpm(dir: string, mode: 'ok' | 'fail' = 'ok'): { npm: string; log: string } {
  const log = join(dir, 'npm-calls.log');
  const npm = join(dir, 'npm');
  writeFileSync(
    npm,
    `#!/usr/bin/env node
const fs = require('fs'), path = require('path');
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), install: process.env.ONNXRUNTIME_NODE_INSTALL }) + '\\n');
if (${JSON.stringify(mode)} === 'fail') { console.error('npm ERR! network unreachable'); process.exit(1); }
const ort = path.join(process.cwd(), 'node_modules', 'onnxruntime-node');
fs.mkdirSync(path.join(ort, 'script'), { recursive: true });
fs.writeFileSync(path.join(ort, 'package.json'), JSON.stringify({ name: 'onnxruntime-node', main: 'index.js' }));
fs.writeFileSync(path.join(ort, 'index.js'), 'module.exports = { fake: "tool-cache", env: { versions: { node: "fake" } } };');
fs.writeFileSync(path.join(ort, 'script', 'install.js'), 'require("fs").appendFileSync(${JSON.stringify(log)}, JSON.stringify({ postinstall: process.env.ONNXRUNTIME_NODE_INSTALL }) + "\\\\n");');
`,
  );
  chmodSync(npm, 0o755);
  return { npm, log };
}

const calls = (log: string) =>
  existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];

/** A temp tool cache with a fake `npm`, and resolveOrt options pointing at both (own copy absent). */
function sandbox(mode: 'ok' | 'fail' = 'ok') {
  const dir = mkdtempSync(join(tmpdir(), 'cd-ort-'));
  const { npm, log } = fakeNpm(dir, mode);
  const options = (extra: Partial<ResolveOrtOptions> = {}): ResolveOrtOptions => ({
    executionProvider: 'cpu',
    toolCacheDir: dir,
    npm,
    exec: execCollect,
    importOwn: absent,
    logger: memoryLogger(),
    ...extra,
  });
  return { dir, npm, log, options };
}

const absent = async () => {
  throw new Error('Cannot find package onnxruntime-node');
};

describe('resolveOrt', () => {
  it('pins the versions in package.json', () => {
    expect(pkg.dependencies['onnxruntime-node']).toBe(ORT_VERSION);
    expect(pkg.dependencies['koffi']).toBe(KOFFI_VERSION);
  });

  it('uses the action’s own node_modules first', async () => {
    const { log, options } = sandbox();
    const result = await resolveOrt(options({ importOwn: undefined }));
    expect(result.source).toBe('own');
    expect(typeof result.module.InferenceSession.create).toBe('function');
    expect(calls(log)).toEqual([]);
  });

  it('installs the pinned CPU package into the tool cache once, then reuses it', async () => {
    const { dir, log, options: make } = sandbox();
    const options = make();
    const first = await resolveOrt(options);
    expect(first.source).toBe('installed');
    expect((first.module as unknown as { fake: string }).fake).toBe('tool-cache');
    const [call, ...rest] = calls(log);
    expect(rest).toEqual([]);
    expect(call.args).toContain(`onnxruntime-node@${ORT_VERSION}`);
    expect(call.args).toContain(`koffi@${KOFFI_VERSION}`);
    expect(call.install).toBe('skip');
    expect(call.cwd).toBe(toolCacheInstallDir(dir, 'cpu'));

    // Child processes (peak-memory probes) load the same copy through this URL.
    expect(first.url).toBe(
      pathToFileURL(join(toolCacheInstallDir(dir, 'cpu'), 'node_modules', 'onnxruntime-node', 'index.js'))
        .href,
    );

    const second = await resolveOrt(options);
    expect(second.source).toBe('tool-cache');
    expect(second.url).toBe(first.url);
    expect(calls(log)).toHaveLength(1);
  });

  it('fetches the CUDA 12 provider libraries only for cuda/tensorrt', async () => {
    const { log, options } = sandbox();
    const result = await resolveOrt(options({ executionProvider: 'cuda' }));
    expect(result.dir).toContain(join('cuda12'));
    expect(calls(log).map((c) => c.install ?? c.postinstall)).toEqual(['skip', 'cuda12']);
  });

  it('prefers an explicit onnxruntime-path over everything', async () => {
    const { dir, npm, log, options } = sandbox();
    const preinstalled = join(dir, 'pre');
    mkdirSync(preinstalled);
    await execCollect(npm, ['install'], { cwd: preinstalled, env: process.env });
    const result = await resolveOrt(options({ explicitPath: preinstalled, importOwn: undefined }));
    expect(result.source).toBe('input');
    expect(calls(log)).toHaveLength(1); // only the set-up call above
  });

  it.each([
    ['npm fails', 'fail' as const, /exited 1[\s\S]*network unreachable[\s\S]*onnxruntime-path/],
    ['npm missing', 'missing' as const, /could not run/],
  ])('gives a UserError naming onnxruntime-path when %s', async (_what, mode, message) => {
    const { dir, options } = sandbox('fail');
    const npm = mode === 'missing' ? join(dir, 'no-such-npm') : undefined;
    const error = await resolveOrt(options(npm ? { npm } : {})).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/^onnxruntime-path:/);
    expect(error.message).toMatch(message);
  });

  it('rejects an explicit path without the package', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-ort-'));
    await expect(
      resolveOrt({ explicitPath: dir, executionProvider: 'cpu', exec: execCollect, logger: memoryLogger() }),
    ).rejects.toThrow(/onnxruntime-path: no usable onnxruntime-node/);
  });
});
