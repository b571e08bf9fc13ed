/**
 * GPU meter check, for a machine with an NVIDIA GPU: probes every meter, runs a known GPU load
 * (a CUDA matmul through python3 + torch when present, else an ONNX MatMul chain on
 * onnxruntime-node's CUDA provider, else none) and prints the NVML-counter energy beside the
 * nvidia-smi-integrated energy for windows of 0.5, 2 and 10 s. Without a GPU it prints
 * "skipped: no GPU" lines and exits 0.
 *
 *   npx tsx bench/gpu-check.ts [--windows 0.5,2,10] [--load auto|torch|onnx|none] [--interval-ms 100]
 */
import { execa, type ResultPromise } from 'execa';
import { stderrLogger } from '../src/log.js';
import { DataType, encodeModel } from '../src/model/onnx-proto.js';
import { hardwareSummary } from '../src/power/hardware.js';
import { readPowerOptions } from '../src/power/inputs.js';
import { selectMeters } from '../src/power/select.js';
import type { EnergyReading, PowerMeter } from '../src/power/types.js';
import { loadOrt } from '../src/runtime/ort.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const windowsS = arg('windows', '0.5,2,10').split(',').map(Number);
const loadKind = arg('load', 'auto');
const intervalMs = Number(arg('interval-ms', '100'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Load {
  name: string;
  stop(): Promise<void>;
}

const TORCH_LOAD = `
import torch
assert torch.cuda.is_available(), 'no CUDA device for torch'
a = torch.randn(8192, 8192, device='cuda'); b = torch.randn(8192, 8192, device='cuda')
torch.cuda.synchronize(); print('ready ' + torch.cuda.get_device_name(0), flush=True)
while True:
    for _ in range(8): c = a @ b
    torch.cuda.synchronize()
`;

/** A CUDA matmul loop in python3 + torch, or null (with why) when torch or CUDA is missing. */
async function torchLoad(): Promise<Load | string> {
  const proc: ResultPromise = execa('python3', ['-c', TORCH_LOAD], {
    reject: false,
    buffer: false,
    stdin: 'ignore',
  });
  const ready = await new Promise<string | null>((resolve) => {
    let out = '';
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready')) resolve(out.trim());
    });
    void proc.then(() => resolve(null));
    setTimeout(() => resolve(null), 180_000);
  });
  if (!ready) {
    proc.kill('SIGKILL');
    return 'python3 + torch with CUDA not available';
  }
  return {
    name: `torch fp32 matmul 8192² (${ready.replace('ready ', '')})`,
    stop: async () => {
      proc.kill('SIGTERM');
      await proc;
    },
  };
}

/** A chain of 8 MatMuls (2048², fp32) as an ONNX model built in memory. */
function matmulChainModel(n: number, depth: number): Uint8Array {
  const weights = new Float32Array(n * n).map((_, i) => ((i % 7) - 3) / (n * 4));
  const nodes = Array.from({ length: depth }, (_, i) => ({
    opType: 'MatMul',
    input: [i === 0 ? 'x' : `h${i}`, 'w'],
    output: [i === depth - 1 ? 'y' : `h${i + 1}`],
  }));
  const tensorType = {
    tensorType: { elemType: DataType.FLOAT, shape: { dim: [{ dimValue: n }, { dimValue: n }] } },
  };
  return encodeModel({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'matmul-chain',
      node: nodes,
      initializer: [
        { name: 'w', dims: [n, n], dataType: DataType.FLOAT, rawData: new Uint8Array(weights.buffer) },
      ],
      input: [{ name: 'x', type: tensorType }],
      output: [{ name: 'y', type: tensorType }],
    },
  } as never);
}

/** The MatMul chain on onnxruntime-node's CUDA provider, or why not. */
async function onnxLoad(): Promise<Load | string> {
  try {
    const ort = await loadOrt();
    const n = 2048;
    const session = await ort.InferenceSession.create(matmulChainModel(n, 8), {
      executionProviders: ['cuda'],
    });
    const x = new ort.Tensor('float32', new Float32Array(n * n).fill(0.5), [n, n]);
    let running = true;
    const loop = (async () => {
      while (running) await session.run({ x });
    })();
    return {
      name: 'onnxruntime-node CUDA, 8 × MatMul 2048² fp32',
      stop: async () => {
        running = false;
        await loop;
        await session.release();
      },
    };
  } catch (error) {
    return `onnxruntime-node CUDA provider not available (${(error as Error).message.split('\n')[0]})`;
  }
}

async function startLoad(): Promise<Load | null> {
  const tried: string[] = [];
  for (const [kind, start] of [
    ['torch', torchLoad],
    ['onnx', onnxLoad],
  ] as const) {
    if (loadKind !== 'auto' && loadKind !== kind) continue;
    const load = await start();
    if (typeof load !== 'string') return load;
    tried.push(`${kind}: ${load}`);
  }
  console.log(`load: none (${tried.join('; ') || 'disabled'}); measuring the GPU as it is`);
  return null;
}

/** One window through the given meters (started and stopped together). */
async function measure(meters: PowerMeter[], seconds: number): Promise<EnergyReading[]> {
  await Promise.all(meters.map((m) => m.start()));
  await sleep(seconds * 1000);
  return Promise.all(meters.map((m) => m.stop()));
}

const fmt = (x: number | undefined, digits = 2) =>
  x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits);

async function main(): Promise<void> {
  const hw = await hardwareSummary();
  console.log(
    `cpu: ${hw.cpuModel} (${hw.logicalCores} logical cores), memory ${(hw.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB`,
  );
  console.log(
    `gpus: ${hw.gpus.map((g) => `${g.index}: ${g.name} (driver ${g.driverVersion})`).join(', ') || 'none'}`,
  );
  const selection = await selectMeters(readPowerOptions({ 'nvidia-smi-interval-ms': intervalMs }), {
    logger: stderrLogger(),
  });
  for (const m of selection.active)
    console.log(`meter ${m.id}: active (${selection.domains[m.id]?.join(', ')}), ${m.method}`);
  for (const s of selection.skipped) console.log(`meter ${s.id}: skipped: ${s.reason}`);
  const gpuMeters = selection.active.filter((m) => m.id === 'nvml' || m.id === 'nvidia-smi');
  try {
    if (gpuMeters.length === 0) {
      const why = selection.skipped
        .filter((s) => s.id === 'nvml' || s.id === 'nvidia-smi')
        .map((s) => `${s.id}: ${s.reason}`);
      for (const s of windowsS) console.log(`window ${s} s: skipped: no GPU (${why.join('; ')})`);
      return;
    }
    const idle = await measure(gpuMeters, 2);
    for (const r of idle)
      console.log(
        `idle 2 s, ${r.meterId}: ${Object.entries(r.energyJ)
          .map(([d, j]) => `${d} ${fmt(j / r.durationS)} W`)
          .join(', ')}`,
      );
    const load = await startLoad();
    if (load) console.log(`load: ${load.name}; warming up 3 s`);
    await sleep(load ? 3000 : 0);
    console.log(
      'window_s  domain  nvml_J  smi_J  smi_vs_nvml_%  nvml_mean_W  smi_samples  gpu_util_%  notes',
    );
    for (const seconds of windowsS) {
      const readings = await measure(gpuMeters, seconds);
      const nvml = readings.find((r) => r.meterId === 'nvml');
      const smi = readings.find((r) => r.meterId === 'nvidia-smi');
      for (const domain of Object.keys((nvml ?? smi)!.energyJ)) {
        const a = nvml?.energyJ[domain];
        const b = smi?.energyJ[domain];
        const diff = a !== undefined && b !== undefined && a > 0 ? ((b - a) / a) * 100 : undefined;
        const notes = readings.flatMap((r) => r.extra?.notes ?? []).join(' | ');
        console.log(
          `${seconds}  ${domain}  ${fmt(a)}  ${fmt(b)}  ${fmt(diff, 1)}  ${fmt(a === undefined ? undefined : a / nvml!.durationS)}  ${smi?.samples ?? '—'}  ${fmt(smi?.extra?.gpuUtilizationPct, 0)}  ${notes}`,
        );
      }
    }
    await load?.stop();
  } finally {
    await Promise.all(selection.active.map((m) => m.close()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(3);
});
