import { describe, expect, it } from 'vitest';
import { pickGpus, resolveGpuChoice } from '../../src/power/gpus.js';
import { hardwareSummary } from '../../src/power/hardware.js';
import { fakeEnv } from './helpers.js';

describe('resolveGpuChoice', () => {
  it.each([
    { what: 'nothing set', gpus: null, env: {}, expected: { kind: 'all' } },
    {
      what: 'the gpus input wins',
      gpus: ['1'],
      env: { CUDA_VISIBLE_DEVICES: '0' },
      expected: { kind: 'some', ids: ['1'], source: 'gpus' },
    },
    {
      what: 'CUDA_VISIBLE_DEVICES',
      gpus: null,
      env: { CUDA_VISIBLE_DEVICES: '0,GPU-ab12' },
      expected: { kind: 'some', ids: ['0', 'GPU-ab12'], source: 'CUDA_VISIBLE_DEVICES' },
    },
    {
      what: 'CUDA stops at an invalid entry',
      gpus: null,
      env: { CUDA_VISIBLE_DEVICES: '1,-1,0' },
      expected: { kind: 'some', ids: ['1'], source: 'CUDA_VISIBLE_DEVICES' },
    },
    {
      what: '-1 hides all',
      gpus: null,
      env: { CUDA_VISIBLE_DEVICES: '-1' },
      expected: { kind: 'none', reason: 'CUDA_VISIBLE_DEVICES="-1" hides every GPU' },
    },
  ])('$what', ({ gpus, env, expected }) => {
    expect(resolveGpuChoice(gpus, env)).toEqual(expected);
  });

  it('picks by index or UUID prefix', () => {
    const present = [
      { index: 0, uuid: 'GPU-aaaa' },
      { index: 1, uuid: 'GPU-bbbb' },
    ];
    expect(pickGpus({ kind: 'some', ids: ['GPU-bb', '0'], source: 'gpus' }, present)).toEqual({
      gpus: [present[1], present[0]],
    });
  });
});

describe('hardwareSummary', () => {
  it('lists CPU, memory and the GPUs nvidia-smi reports', async () => {
    const h = await hardwareSummary({ env: fakeEnv({ FAKE_SMI_GPUS: '2' }) });
    expect(h.logicalCores).toBeGreaterThan(0);
    expect(h.totalMemoryBytes).toBeGreaterThan(0);
    expect(h.gpus).toEqual([
      {
        index: 0,
        name: 'NVIDIA H100 80GB HBM3',
        uuid: 'GPU-00000000-aaaa-bbbb-cccc-000000000000',
        memoryTotalMiB: 81559,
        driverVersion: '550.54.15',
      },
      {
        index: 1,
        name: 'NVIDIA H100 80GB HBM3',
        uuid: 'GPU-00000001-aaaa-bbbb-cccc-000000000001',
        memoryTotalMiB: 81559,
        driverVersion: '550.54.15',
      },
    ]);
  });

  it('has no GPUs without nvidia-smi', async () => {
    expect((await hardwareSummary({ env: { ...fakeEnv(), PATH: '/nonexistent' } })).gpus).toEqual([]);
  });
});
