/**
 * Which GPUs the meters watch: the `gpus` input (indices or UUIDs), else `CUDA_VISIBLE_DEVICES`,
 * else every GPU. Indices are NVML / nvidia-smi indices (PCI bus order); CUDA orders devices
 * the same way only with `CUDA_DEVICE_ORDER=PCI_BUS_ID`, so UUIDs are the unambiguous choice.
 */

/** A resolved GPU choice: all GPUs, a list of index/UUID specifiers, or none (with why). */
export type GpuChoice =
  { kind: 'all' } | { kind: 'some'; ids: string[]; source: string } | { kind: 'none'; reason: string };

/** Resolve the GPU choice from the `gpus` option and the environment. */
export function resolveGpuChoice(gpus: readonly string[] | null, env: NodeJS.ProcessEnv): GpuChoice {
  if (gpus && gpus.length > 0) return { kind: 'some', ids: [...gpus], source: 'gpus' };
  const cvd = env.CUDA_VISIBLE_DEVICES;
  if (cvd === undefined) return { kind: 'all' };
  const ids: string[] = [];
  for (const raw of cvd.split(',').map((s) => s.trim())) {
    // CUDA stops at the first invalid entry (e.g. -1), hiding everything after it.
    if (raw === '' || !/^(\d+|GPU-[0-9a-fA-F-]+|MIG-[\w/-]+)$/.test(raw)) break;
    ids.push(raw);
  }
  if (ids.length === 0)
    return { kind: 'none', reason: `CUDA_VISIBLE_DEVICES=${JSON.stringify(cvd)} hides every GPU` };
  return { kind: 'some', ids, source: 'CUDA_VISIBLE_DEVICES' };
}

/** A GPU as the meters know it. */
export interface GpuId {
  index: number;
  uuid: string;
}

/**
 * Pick the GPUs matching `choice` from those present. Returns the matches, or an error message
 * naming the specifier that matched nothing. UUIDs match by prefix, as CUDA allows.
 */
export function pickGpus(
  choice: GpuChoice,
  present: readonly GpuId[],
): { gpus: GpuId[] } | { error: string } {
  if (choice.kind === 'none') return { error: choice.reason };
  if (choice.kind === 'all') return { gpus: [...present] };
  const picked: GpuId[] = [];
  for (const id of choice.ids) {
    const match = /^\d+$/.test(id)
      ? present.find((g) => g.index === Number(id))
      : present.find((g) => g.uuid.toLowerCase().startsWith(id.toLowerCase()));
    if (!match) {
      const known = present.map((g) => `${g.index} (${g.uuid})`).join(', ') || 'none';
      return {
        error: `${choice.source} names GPU ${JSON.stringify(id)}, which is not present (present: ${known})`,
      };
    }
    if (!picked.includes(match)) picked.push(match);
  }
  return { gpus: picked };
}

/** The domain name of a GPU in readings. */
export function gpuDomain(index: number): string {
  return `gpu:${index}`;
}
