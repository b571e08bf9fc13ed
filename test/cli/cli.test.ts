import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { floatTensor, floatValueInfo, node, serializeModel } from '../../scripts/lib/onnx-builder.js';
import { runCli } from '../helpers/run-cli.js';
import schema from '../../schema/report.schema.json' with { type: 'json' };

/** y = relu(x · W), with the input named `name`. */
function tinyModel(name: string, units = 8): Uint8Array {
  const weights = Array.from({ length: 16 * units }, (_, i) => ((i * 7919) % 13) / 13 - 0.5);
  return serializeModel({
    name: 'tiny',
    nodes: [node('MatMul', [name, 'W'], ['h']), node('Relu', ['h'], ['y'])],
    initializers: [floatTensor('W', [16, units], weights)],
    inputs: [floatValueInfo(name, ['batch', 16])],
    outputs: [floatValueInfo('y', ['batch', units])],
  });
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

describe('carbon-delta CLI (node dist/cli.js)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-cli-'));
    writeFileSync(join(dir, 'a.onnx'), tinyModel('x'));
    writeFileSync(join(dir, 'b.onnx'), tinyModel('features'));
    writeFileSync(
      join(dir, 'random.onnx'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)),
    );
  });

  it('prints usage and exits 2 without a command', () => {
    const run = runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('carbon-delta compare --base <model> --pruned <model>');
  });

  it('analyze --json prints the DESIGN.md keys, parameters = sum of initializer elements', () => {
    const run = runCli(['analyze', 'examples/base.onnx', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    for (const key of ['model', 'parameters', 'macs', 'flops', 'unsupportedOps'])
      expect(out).toHaveProperty(key);
    expect(out.model).toMatchObject({
      path: expect.stringContaining('base.onnx'),
      fileBytes: expect.any(Number),
      opset: 13,
    });
    expect(out.macs.byOpType.Conv).toMatchObject({ nodes: 3 });
    // The example generator documents 93,962 parameters for BASE (examples/README.md).
    expect(out.parameters).toMatchObject({ total: 93962, nonzero: 93962 });
  });

  it.each([
    {
      what: 'a missing file',
      args: ['--base', 'nope/base.onnx', '--pruned', 'b.onnx'],
      message: /base-model: file nope\/base.onnx not found/,
    },
    {
      what: 'a non-ONNX file',
      args: ['--base', 'random.onnx', '--pruned', 'b.onnx'],
      message: /random\.onnx/,
    },
    {
      what: 'models with different input names',
      args: ['--base', 'a.onnx', '--pruned', 'b.onnx', '--duration', '2'],
      message: /x[\s\S]*features/,
    },
    {
      what: 'an unknown flag',
      args: ['--base', 'a.onnx', '--gird-zone', 'DE'],
      message: /Unknown option '--gird-zone'/,
    },
    {
      what: 'a bad number',
      args: ['--base', 'a.onnx', '--pruned', 'a.onnx', '--duration', 'soon'],
      message: /duration: expected a number, got "soon"/,
    },
  ])('compare with $what exits 2 with a message and no stack trace', ({ args, message }) => {
    const run = runCli(['compare', ...args], { cwd: dir });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    noStack(run.stderr);
    expect(run.stdout).toBe('');
  });

  it('reads .github/carbon-delta.yml; an explicit flag wins over the file', () => {
    mkdirSync(join(dir, '.github'), { recursive: true });
    try {
      writeFileSync(
        join(dir, '.github', 'carbon-delta.yml'),
        'grid-zone: FR\nduration: 1\nidle-duration-s: 0\n',
      );
      const zone = (args: string[]) => {
        const run = runCli(['compare', '--base', 'a.onnx', '--pruned', 'a.onnx', '--json', ...args], {
          cwd: dir,
        });
        expect(run.code, run.stderr).toBe(0);
        return JSON.parse(run.stdout).environment.carbonIntensity.zone;
      };
      expect(zone([])).toBe('FR');
      expect(zone(['--grid-zone', 'DE'])).toBe('DE');
      writeFileSync(join(dir, '.github', 'carbon-delta.yml'), 'grid-zon: FR\n');
      const bad = runCli(['compare', '--base', 'a.onnx', '--pruned', 'a.onnx'], { cwd: dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/unknown key "grid-zon"/);
    } finally {
      rmSync(join(dir, '.github'), { recursive: true });
    }
  });

  it('compares any two commands (command mode) with the same meters and interleaving', () => {
    const loop = (n: number) =>
      JSON.stringify([process.execPath, '-e', `let s=0; for (let i=0;i<${n};i++) s+=i`]);
    const run = runCli(
      [
        'compare',
        '--base-command',
        loop(2e7),
        '--pruned-command',
        loop(5e6),
        '--duration',
        '3',
        '--json',
        '--out',
        join(dir, 'cmd-out'),
      ],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.benchmark.mode).toBe('command');
    expect(report.models.base.analysis).toBeNull();
    expect(report.models.base.path).toContain('node');
    expect(report.deltas.macsDense.verdict).toBe('not-measured');
    expect(report.deltas.latencyP50.verdict).toBe('improved');
    expect(report.models.pruned.energyJ.method).toBe('estimated');
    expect(readFileSync(join(dir, 'cmd-out', 'report.md'), 'utf8')).toContain('`command`');
  });

  it('track runs a command under the meters, appends emissions.csv and passes its exit code through', () => {
    const out = join(dir, 'track-out'); // absolute: must not be joined onto the working directory
    const ok = runCli([
      'track',
      '--output-dir',
      out,
      '--grid-zone',
      'FR',
      '--',
      process.execPath,
      '-e',
      'let s=0; for (let i=0;i<1e7;i++) s+=i',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const failed = runCli(['track', '--output-dir', out, '--', process.execPath, '-e', 'process.exit(5)']);
    expect(failed.code).toBe(5);
    const [header, ...rows] = readFileSync(join(out, 'emissions.csv'), 'utf8').trim().split('\n');
    const columns = header.split(',');
    expect(rows).toHaveLength(2);
    const first = Object.fromEntries(rows[0].split(',').map((v, i) => [columns[i], v]));
    expect(first).toMatchObject({ experiment_id: 'track', region: 'FR', energy_method: 'estimated' });
    expect(Number(first.energy_consumed)).toBeGreaterThan(0);
  });

  it('demo compares the bundled examples and writes a schema-valid report', () => {
    const out = join(dir, 'demo-out');
    const run = runCli(['demo', '--out', out, '--duration', '4', '--idle-duration-s', '0.5', '--json'], {
      timeoutMs: 120_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).toEqual(report);
    for (const f of ['report.md', 'emissions.csv', 'samples.json'])
      expect(existsSync(join(out, f)), f).toBe(true);
    // Structured pruning really removes MACs and parameters; energy here is an estimate, and says so.
    expect(report.deltas.macsDense.ratio).toBeLessThan(0.5);
    expect(report.pruning.kind).toBe('structured');
    expect(report.models.base.energyJ.method).toBe('estimated');
    expect(report.environment.meters.used).toContain('estimate');
    expect(report.environment.meters.skipped.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['nvml', 'nvidia-smi', 'rapl']),
    );
    expect(report.environment.carbonIntensity.source).toMatch(/world/i);
    expect(report.models.base.accuracy).toBeDefined();
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/estimated/i);
    // The estimate is labelled end to end: JSON (above), Markdown (above) and CSV.
    const [header, ...rows] = readFileSync(join(out, 'emissions.csv'), 'utf8').trim().split('\n');
    const columns = header.split(',');
    expect(columns).toContain('emissions_rate');
    expect(rows.length).toBe(2 * report.benchmark.rounds);
    for (const row of rows) expect(row.split(',')[columns.indexOf('energy_method')]).toBe('estimated');
  });
});
