/**
 * Peak memory per model, measured in isolation: each model is opened and run in its own short
 * child process, so neither model can absorb onnxruntime's one-off global initialisation (~20 MB
 * on the first session a process opens) or profit from memory the other one freed.
 *
 * A child imports onnxruntime-node, reads the very same input tensors the benchmark feeds, opens
 * one session with the benchmark's settings, runs it `runs` times and prints its peak RSS (`VmHWM`
 * on Linux, where `maxRSS` would report the parent's size at fork when the parent is bigger;
 * `process.resourceUsage().maxRSS` elsewhere). The baseline child does the same with a one-node
 * Identity model, so the runtime, its initialisation, a session's thread pool and the input
 * tensors cancel out. Children run interleaved in a Latin square (each kind first, second and third equally
 * often), `repeats` of each, and each model's figure is median(model) − median(baseline), floored
 * at 0.
 *
 * Repeatability (measured on examples/base.onnx, 8 children each): maxRSS of identical children
 * spreads by ±0.2 MiB, so two identical models agree within `MEMORY_RESOLUTION_BYTES` (0.5 MiB)
 * or 25%, whichever is larger; the relative spread shrinks as the model's own memory grows.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType, encodeModel } from '../model/onnx-proto.js';
import { median } from '../stats/summary.js';
import type { SessionSettings } from './session.js';
import type { HostTensor } from './tensor-data.js';
import type { Role } from './types.js';

/**
 * Resolution of `peakRssIncreaseBytes`, bytes: two identical models can differ by this much
 * (maxRSS of identical children spreads by ±0.2 MiB). Differences below it are noise, whatever
 * their relative size: a 2 MB model figure can read 1.9 or 2.3 MB.
 */
export const MEMORY_RESOLUTION_BYTES = 512 * 1024;

/** How `peakRssIncreaseBytes` is measured, in words for the report's `memory.method`. */
export const MEMORY_METHOD =
  'CPU: peak RSS (VmHWM / maxRSS) of a fresh child process that opens the model and runs the benchmark inputs 10 times, minus that of the same child running a one-node Identity model; median of 3 interleaved children per model; resolution about 0.5 MiB (identical models can differ by that much). GPU: nvidia-smi memory.used during the windows.';

export interface PeakMemoryRequest {
  /** URL (file:) or specifier the child imports onnxruntime-node from. */
  ortUrl: string;
  models: Record<Role, string>;
  /** The benchmark's input tensors, by each model's input names. */
  feeds: Record<Role, Record<string, HostTensor>>;
  settings: Pick<SessionSettings, 'intraOpThreads' | 'graphOptimizationLevel'>;
  /** Children per model (and for the baseline), default 3. */
  repeats?: number;
  /** Session runs per child, default 10 (the arena reaches its size in the first few). */
  runs?: number;
  /** Node executable, default `process.execPath`. */
  node?: string;
}

/** The child: argv[1] is a JSON job; prints its maxRSS in bytes. */
const CHILD = `
const job = JSON.parse(process.argv[1]);
const ort = await import(job.ortUrl);
const { readFileSync } = await import('node:fs');
const bytes = readFileSync(job.dataFile);
const Arrays = { float32: Float32Array, float64: Float64Array, float16: Uint16Array, int64: BigInt64Array,
  uint64: BigUint64Array, int32: Int32Array, uint32: Uint32Array, int16: Int16Array, uint16: Uint16Array,
  int8: Int8Array, uint8: Uint8Array, bool: Uint8Array };
const feeds = {};
for (const t of job.tensors) {
  const A = Arrays[t.dtype];
  const data = new A(bytes.buffer.slice(bytes.byteOffset + t.offset, bytes.byteOffset + t.offset + t.bytes));
  feeds[t.name] = new ort.Tensor(t.dtype, data, t.dims);
}
const session = await ort.InferenceSession.create(job.model, job.options);
for (let i = 0; i < job.runs; i++) await session.run(feeds);
// Linux: VmHWM, the peak of this process's own memory map. maxRSS would not do there: exec keeps
// the high-water mark of the forked copy of the parent, so a big parent masks the child.
let peak = process.resourceUsage().maxRSS * 1024;
try {
  const hwm = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  if (hwm) peak = Number(hwm[1]) * 1024;
} catch {}
process.stdout.write(String(peak));
`;

/** A one-node Identity model (float32 [1] → [1]): the baseline child's session. */
export function identityModel(): Uint8Array {
  const vi = (name: string) => ({
    name,
    type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: [{ dimValue: 1 }] } } },
  });
  return encodeModel({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'baseline',
      node: [{ opType: 'Identity', input: ['x'], output: ['y'], name: 'identity' }],
      input: [vi('x')],
      output: [vi('y')],
    },
  });
}

interface Job {
  model: string;
  tensors: { name: string; dtype: string; dims: number[]; offset: number; bytes: number }[];
}

function runChild(node: string, job: object): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      node,
      ['--input-type=module', '-e', CHILD, JSON.stringify(job)],
      { maxBuffer: 1 << 20, timeout: 600_000 },
      (error, stdout, stderr) => {
        const bytes = Number(stdout.trim());
        if (error || !Number.isFinite(bytes) || bytes <= 0) {
          reject(
            new Error(
              `memory child failed: ${(stderr || String(error)).trim().split('\n').slice(-3).join(' ')}`,
            ),
          );
        } else resolve(bytes);
      },
    );
  });
}

/** Peak RSS each model adds, bytes (see the module comment). Throws when a child fails. */
export async function measurePeakMemory(req: PeakMemoryRequest): Promise<Record<Role, number>> {
  const repeats = req.repeats ?? 3;
  const dir = await mkdtemp(join(tmpdir(), 'carbon-delta-memory-'));
  try {
    // One data file holds every input tensor of both roles (shared tensors are written once).
    const chunks: Uint8Array[] = [];
    const placed = new Map<HostTensor, number>();
    let size = 0;
    const jobs: Record<Role | 'baseline', Job> = {
      baseline: {
        model: join(dir, 'identity.onnx'),
        tensors: [{ name: 'x', dtype: 'float32', dims: [1], offset: 0, bytes: 4 }],
      },
      base: { model: req.models.base, tensors: [] },
      pruned: { model: req.models.pruned, tensors: [] },
    };
    chunks.push(new Uint8Array(8));
    size = 8;
    for (const role of ['base', 'pruned'] as const) {
      for (const [name, t] of Object.entries(req.feeds[role])) {
        let offset = placed.get(t);
        if (offset === undefined) {
          offset = size;
          placed.set(t, offset);
          const view = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
          chunks.push(view, new Uint8Array((8 - (view.byteLength % 8)) % 8));
          size += view.byteLength + ((8 - (view.byteLength % 8)) % 8);
        }
        jobs[role].tensors.push({ name, dtype: t.dtype, dims: t.dims, offset, bytes: t.data.byteLength });
      }
    }
    // The baseline reads the same file (its inputs' memory cancels) and feeds only its 4 bytes.
    const dataFile = join(dir, 'inputs.bin');
    await writeFile(dataFile, Buffer.concat(chunks));
    await writeFile(jobs.baseline.model, identityModel());
    const options = {
      graphOptimizationLevel: req.settings.graphOptimizationLevel,
      ...(req.settings.intraOpThreads > 0 ? { intraOpNumThreads: req.settings.intraOpThreads } : {}),
    };
    const node = req.node ?? process.execPath;
    const peaks: Record<Role | 'baseline', number[]> = { baseline: [], base: [], pruned: [] };
    // A Latin square: over every 3 repeats each kind runs first, second and third once.
    const kinds = ['baseline', 'base', 'pruned'] as const;
    for (let i = 0; i < repeats; i++) {
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(i + k) % kinds.length];
        const job = { ...jobs[kind], ortUrl: req.ortUrl, dataFile, options, runs: req.runs ?? 10 };
        peaks[kind].push(await runChild(node, job));
      }
    }
    const baseline = median(peaks.baseline);
    return {
      base: Math.max(0, median(peaks.base) - baseline),
      pruned: Math.max(0, median(peaks.pruned) - baseline),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Where the child imports onnxruntime-node from when the caller names nothing; null if unknown. */
export function defaultOrtUrl(): string | null {
  try {
    return import.meta.resolve('onnxruntime-node');
  } catch {
    return null;
  }
}
