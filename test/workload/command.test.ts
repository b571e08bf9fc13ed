import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { METRICS_FILE_ENV, runCommandComparison } from '../../src/workload/command.js';
import { readWorkloadOptions } from '../../src/workload/inputs.js';
import { tempDir } from './models.js';

let dir = '';
// A stand-in for a user's benchmark script: `node fake.mjs <ms per item> <items> <mode>`.
const script = `
const [ms, items, mode] = process.argv.slice(2);
const spin = (t) => { const end = performance.now() + t; while (performance.now() < end); };
const lat = [];
for (let i = 0; i < Number(items); i++) { const t0 = performance.now(); spin(Number(ms)); lat.push(performance.now() - t0); }
if (mode === 'fail') { process.stderr.write('loading weights\\nCUDA out of memory\\n'); process.exit(3); }
if (mode === 'metrics') require('node:fs').writeFileSync(process.env.${METRICS_FILE_ENV}, JSON.stringify({ items: Number(items), latencyMs: lat }));
if (mode === 'bad-metrics') require('node:fs').writeFileSync(process.env.${METRICS_FILE_ENV}, '{"items": 0}');
`;

beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'fake.cjs'), script);
});

const node = process.execPath;
const options = (extra: Record<string, number | string> = {}) =>
  readWorkloadOptions({
    'base-command': '["x"]',
    'pruned-command': '["x"]',
    'min-rounds': 4,
    duration: 0.01,
    'idle-duration-s': 0,
    ...extra,
  });
const run = (base: string[], pruned: string[], extra: Record<string, number | string> = {}) =>
  runCommandComparison({
    base: { command: [node, 'fake.cjs', ...base] },
    pruned: { command: [node, 'fake.cjs', ...pruned] },
    options: options(extra),
    meters: [],
    logger: memoryLogger(),
    cwd: dir,
  });

describe('runCommandComparison', () => {
  it('uses the per-run metrics the command writes (items, latency) and finds the faster one', async () => {
    const r = await run(['4', '5', 'metrics'], ['1', '5', 'metrics']);
    expect(r.mode).toBe('command');
    expect(r.rounds).toBe(4);
    expect(r.base.iterations).toBe(4);
    expect(r.base.latencyMs).toHaveLength(20);
    expect(r.base.windows.every((w) => w.inferences === 5)).toBe(true);
    expect(r.base.latencyMs.every((ms) => ms >= 3.9)).toBe(true);
    expect(r.delta.verdict).toBe('improved');
    expect(r.delta.ratio).toBeLessThan(0.5);
  });

  it('falls back to wall time per run without metrics', async () => {
    const r = await run(['1', '2', 'none'], ['1', '2', 'none']);
    expect(r.base.latencyMs).toHaveLength(4);
    expect(r.base.windows.every((w) => w.inferences === 1)).toBe(true);
    expect(r.base.latencyMs.every((ms) => ms >= 2)).toBe(true);
  });

  it.each([
    {
      what: 'non-zero exit',
      base: ['1', '1', 'fail'],
      message: /^base-command: .* exited with 3; stderr ends:\nloading weights\nCUDA out of memory/,
    },
    {
      what: 'bad metrics',
      base: ['1', '1', 'bad-metrics'],
      message: /^command-metrics-file: the base command wrote .*"items" is 0, not a positive number/,
    },
  ])('$what → UserError', async ({ base, message }) => {
    const error = await run(base, ['1', '1', 'none']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
  });

  it('takes the commands from the options when the request has none', async () => {
    const r = await runCommandComparison({
      options: readWorkloadOptions({
        'base-command': JSON.stringify([node, 'fake.cjs', '2', '1', 'none']),
        'pruned-command': JSON.stringify([node, 'fake.cjs', '2', '1', 'none']),
        'min-rounds': 2,
        duration: 0.01,
        'idle-duration-s': 0,
      }),
      meters: [],
      logger: memoryLogger(),
      cwd: dir,
    });
    expect(r.rounds).toBe(2);
    expect(r.executionProvider).toBe('command');
  });

  it('a missing executable → UserError saying so', async () => {
    const error = await runCommandComparison({
      base: { command: ['carbon-delta-no-such-binary'] },
      pruned: { command: [node, '-e', ''] },
      options: options(),
      meters: [],
      logger: memoryLogger(),
      cwd: dir,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^base-command: \["carbon-delta-no-such-binary"\] not found/);
  });
});
