/**
 * NVML energy counter: `nvmlDeviceGetTotalEnergyConsumption` (millijoules since the driver was
 * loaded; Volta and newer), read at window start and end through an FFI binding (koffi) to
 * `libnvidia-ml.so.1`. koffi is imported lazily so the bundle runs where it is absent. The
 * counter updates about every 100 ms, so windows should last ≥ 1 s.
 */
import type * as KoffiModule from 'koffi';
import { gpuDomain, pickGpus, type GpuChoice, type GpuId } from './gpus.js';
import type { Availability, EnergyReading, PowerMeter } from './types.js';

/** The default library name, resolved by the dynamic loader. */
export const NVML_LIBRARY = 'libnvidia-ml.so.1';
const NVML_SUCCESS = 0;
const NVML_ERROR_NOT_SUPPORTED = 3;

export interface NvmlMeterOptions {
  gpus: GpuChoice;
  /** Library path or name (default `libnvidia-ml.so.1`); a test seam. */
  library?: string;
  now?: () => number;
}

type Handle = unknown;
/** The NVML functions used, bound through koffi. */
interface Nvml {
  init(): number;
  shutdown(): number;
  count(out: number[]): number;
  byIndex(index: number, out: Handle[]): number;
  uuid(device: Handle, buf: Buffer, length: number): number;
  index(device: Handle, out: number[]): number;
  energy(device: Handle, out: (number | bigint)[]): number;
  errorString(code: number): string;
}

/** Load the library and bind every function, or say what is missing. */
async function bindNvml(library: string): Promise<Nvml | string> {
  let koffi: typeof KoffiModule;
  try {
    const mod = await import('koffi');
    koffi = (mod.default ?? mod) as typeof KoffiModule;
  } catch {
    return 'the koffi FFI package is not installed';
  }
  let lib: ReturnType<typeof koffi.load>;
  try {
    lib = koffi.load(library);
  } catch (error) {
    return `cannot load ${library} (${(error as Error).message}): no NVIDIA driver on this machine`;
  }
  const bind = (name: string, proto: string) => {
    try {
      return lib.func(proto);
    } catch {
      throw new Error(`${library} has no ${name} (NVIDIA driver too old for energy counters)`);
    }
  };
  try {
    return {
      init: bind('nvmlInit_v2', 'int nvmlInit_v2()'),
      shutdown: bind('nvmlShutdown', 'int nvmlShutdown()'),
      count: bind('nvmlDeviceGetCount_v2', 'int nvmlDeviceGetCount_v2(_Out_ unsigned int *count)'),
      byIndex: bind(
        'nvmlDeviceGetHandleByIndex_v2',
        'int nvmlDeviceGetHandleByIndex_v2(unsigned int index, _Out_ void **device)',
      ),
      uuid: bind(
        'nvmlDeviceGetUUID',
        'int nvmlDeviceGetUUID(void *device, _Out_ char *uuid, unsigned int length)',
      ),
      index: bind('nvmlDeviceGetIndex', 'int nvmlDeviceGetIndex(void *device, _Out_ unsigned int *index)'),
      energy: bind(
        'nvmlDeviceGetTotalEnergyConsumption',
        'int nvmlDeviceGetTotalEnergyConsumption(void *device, _Out_ unsigned long long *energy)',
      ),
      errorString: bind('nvmlErrorString', 'const char *nvmlErrorString(int result)'),
    } as Nvml;
  } catch (error) {
    return (error as Error).message;
  }
}

export class NvmlMeter implements PowerMeter {
  readonly id = 'nvml';
  readonly method = 'measured' as const;
  private nvml: Nvml | null = null;
  private devices: { gpu: GpuId; handle: Handle }[] = [];
  private startMj: number[] = [];
  private startMs = 0;
  private readonly now: () => number;

  constructor(private readonly options: NvmlMeterOptions) {
    this.now = options.now ?? Date.now;
  }

  async probe(): Promise<Availability> {
    const library = this.options.library ?? NVML_LIBRARY;
    const nvml = await bindNvml(library);
    if (typeof nvml === 'string') return { available: false, reason: nvml };
    const rc = nvml.init();
    if (rc !== NVML_SUCCESS)
      return { available: false, reason: `nvmlInit_v2 failed: ${nvml.errorString(rc)}` };
    const reason = this.openDevices(nvml);
    if (reason) {
      nvml.shutdown();
      return { available: false, reason };
    }
    this.nvml = nvml;
    return { available: true, domains: this.devices.map((d) => gpuDomain(d.gpu.index)) };
  }

  async start(): Promise<void> {
    this.startMj = this.devices.map((d) => this.readMj(d.handle));
    this.startMs = this.now();
  }

  async stop(): Promise<EnergyReading> {
    const endMj = this.devices.map((d) => this.readMj(d.handle));
    const stopMs = this.now();
    const energyJ: Record<string, number> = {};
    const notes: string[] = [];
    this.devices.forEach((d, i) => {
      const deltaMj = endMj[i] - this.startMj[i];
      if (deltaMj < 0)
        notes.push(
          `nvml: GPU ${d.gpu.index} counter went backwards (driver reloaded?); window counted as 0 J`,
        );
      energyJ[gpuDomain(d.gpu.index)] = Math.max(0, deltaMj) / 1000;
    });
    const durationS = (stopMs - this.startMs) / 1000;
    if (durationS < 1)
      notes.push(
        `nvml: window of ${durationS.toFixed(2)} s is short for a counter updated about every 100 ms`,
      );
    return { energyJ, durationS, samples: 2, method: 'measured', meterId: this.id, extra: { notes } };
  }

  async close(): Promise<void> {
    const nvml = this.nvml;
    this.nvml = null;
    nvml?.shutdown();
  }

  /** Open the chosen GPUs and check each has an energy counter; a reason when not. */
  private openDevices(nvml: Nvml): string | null {
    const count = [0];
    let rc = nvml.count(count);
    if (rc !== NVML_SUCCESS) return `nvmlDeviceGetCount_v2 failed: ${nvml.errorString(rc)}`;
    const all: { gpu: GpuId; handle: Handle }[] = [];
    for (let i = 0; i < count[0]; i++) {
      const handle: Handle[] = [null];
      rc = nvml.byIndex(i, handle);
      if (rc !== NVML_SUCCESS) return `nvmlDeviceGetHandleByIndex_v2(${i}) failed: ${nvml.errorString(rc)}`;
      const buf = Buffer.alloc(96);
      const index = [i];
      nvml.uuid(handle[0], buf, buf.length);
      nvml.index(handle[0], index);
      all.push({
        gpu: { index: index[0], uuid: buf.toString('utf8').replace(/\0.*$/s, '') },
        handle: handle[0],
      });
    }
    if (all.length === 0) return 'NVML sees no GPUs';
    const picked = pickGpus(
      this.options.gpus,
      all.map((d) => d.gpu),
    );
    if ('error' in picked) return picked.error;
    this.devices = all.filter((d) => picked.gpus.includes(d.gpu));
    for (const d of this.devices) {
      const out: (number | bigint)[] = [0];
      rc = nvml.energy(d.handle, out);
      if (rc === NVML_ERROR_NOT_SUPPORTED) {
        return `GPU ${d.gpu.index} has no energy counter (nvmlDeviceGetTotalEnergyConsumption: Not Supported; needs Volta or newer)`;
      }
      if (rc !== NVML_SUCCESS)
        return `nvmlDeviceGetTotalEnergyConsumption on GPU ${d.gpu.index} failed: ${nvml.errorString(rc)}`;
    }
    return null;
  }

  /** The energy counter of one GPU in millijoules. */
  private readMj(handle: Handle): number {
    const out: (number | bigint)[] = [0];
    const rc = this.nvml!.energy(handle, out);
    if (rc !== NVML_SUCCESS)
      throw new Error(`nvmlDeviceGetTotalEnergyConsumption failed: ${this.nvml!.errorString(rc)}`);
    return Number(out[0]);
  }
}
