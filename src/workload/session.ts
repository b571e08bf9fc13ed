/**
 * onnxruntime-node sessions with the configured execution provider, threads and graph
 * optimization level. An unknown provider name, or a known one that cannot load here, is a
 * UserError unless the user allowed a fallback to cpu.
 */
import { UserError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { OrtModule } from '../runtime/ort.js';
import type { WorkloadOptions } from './inputs.js';
import type { HostTensor } from './tensor-data.js';

type Session = Awaited<ReturnType<OrtModule['InferenceSession']['create']>>;
type OrtTensor = InstanceType<OrtModule['Tensor']>;

export interface OpenedSession {
  session: Session;
  /** The provider the session was created with (`cpu` after an allowed fallback). */
  executionProvider: string;
}

export type SessionSettings = Pick<
  WorkloadOptions,
  'executionProvider' | 'allowProviderFallback' | 'intraOpThreads' | 'graphOptimizationLevel'
>;

/** Provider names the loaded binding knows (`cpu`, `cuda`, `tensorrt`, `webgpu`, `dml`, ...). */
export function knownProviders(ort: OrtModule): string[] {
  return ort.listSupportedBackends().map((b) => b.name);
}

/** Open one session for `path`; `role` names the model in messages. */
export async function openSession(
  ort: OrtModule,
  path: string,
  role: 'BASE' | 'PRUNED',
  settings: SessionSettings,
  logger: Logger,
): Promise<OpenedSession> {
  const known = knownProviders(ort);
  const requested = settings.executionProvider;
  if (!known.includes(requested)) {
    throw new UserError(
      `"${requested}" is not an execution provider of this onnxruntime-node build; valid: ${known.join(', ')}`,
      { input: 'execution-provider' },
    );
  }
  const create = (provider: string) =>
    ort.InferenceSession.create(path, {
      executionProviders: [provider],
      graphOptimizationLevel: settings.graphOptimizationLevel,
      ...(settings.intraOpThreads > 0 ? { intraOpNumThreads: settings.intraOpThreads } : {}),
    });
  try {
    return { session: await create(requested), executionProvider: requested };
  } catch (error) {
    const why = errorMessage(error).split('\n')[0];
    if (requested === 'cpu') {
      throw new UserError(`onnxruntime cannot load the ${role} model ${path}: ${why}`, {
        input: role === 'BASE' ? 'base-model' : 'pruned-model',
        cause: error,
      });
    }
    if (!settings.allowProviderFallback) {
      throw new UserError(
        `execution provider "${requested}" is not available here (${why}). Install its runtime (for cuda/tensorrt: CUDA 12 and cuDNN 9, and onnxruntime-node installed with its CUDA flavour), pick another provider, or set allow-provider-fallback: true to run on cpu`,
        { input: 'execution-provider', cause: error },
      );
    }
    logger.warn(
      `execution provider "${requested}" is not available (${why}); running ${role} on cpu because allow-provider-fallback is set`,
    );
    return { session: await create('cpu'), executionProvider: 'cpu' };
  }
}

/** Wrap host tensors as `ort.Tensor`s once, so the hot loop allocates no inputs. */
export function toOrtFeeds(ort: OrtModule, tensors: Record<string, HostTensor>): Record<string, OrtTensor> {
  const feeds: Record<string, OrtTensor> = {};
  for (const [name, t] of Object.entries(tensors)) {
    feeds[name] = new ort.Tensor(t.dtype as 'float32', t.data as Float32Array, t.dims);
  }
  return feeds;
}

export type { Session, OrtTensor };
