/**
 * Deterministic input tensors from a model's input specs: float normal N(0,1), integers uniform
 * in the configured [low, high), bool uniform 0/1, float16 as half bits. Same seed → same tensors.
 */
import { UserError } from '../errors.js';
import type { TensorSpec } from '../model/types.js';
import { normalGenerator, seededRandom } from '../stats/prng.js';
import { toFloat16Bits } from '../data/float16.js';
import { ARRAY_FOR_DTYPE, elementCount, type HostTensor } from './tensor-data.js';

const INT_LIMITS: Record<string, [number, number]> = {
  int8: [-128, 128],
  uint8: [0, 256],
  int16: [-32768, 32768],
  uint16: [0, 65536],
  int32: [-2147483648, 2147483648],
  uint32: [0, 4294967296],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

/** One tensor for `spec` at concrete `dims`, drawn from a PRNG seeded by `seed` and the input's position. */
export function synthesizeTensor(
  spec: TensorSpec,
  dims: number[],
  seed: number,
  intRange: [number, number],
): HostTensor {
  const Ctor = ARRAY_FOR_DTYPE[spec.dtype];
  if (!Ctor) {
    throw new UserError(
      `input "${spec.name}" has dtype ${spec.dtype}, which carbon-delta cannot synthesize; supported: ${Object.keys(ARRAY_FOR_DTYPE).join(', ')}. Give a file with input-files instead`,
      { input: 'input-files' },
    );
  }
  const n = elementCount(dims);
  const random = seededRandom(seed);
  const data = new Ctor(n);
  if (spec.dtype === 'float32' || spec.dtype === 'float64') {
    const normal = normalGenerator(random);
    for (let i = 0; i < n; i++) (data as Float32Array)[i] = normal();
  } else if (spec.dtype === 'float16') {
    const normal = normalGenerator(random);
    for (let i = 0; i < n; i++) (data as Uint16Array)[i] = toFloat16Bits(normal());
  } else if (spec.dtype === 'bool') {
    for (let i = 0; i < n; i++) (data as Uint8Array)[i] = random() < 0.5 ? 0 : 1;
  } else {
    const [limitLow, limitHigh] = INT_LIMITS[spec.dtype];
    const low = Math.max(intRange[0], limitLow);
    const high = Math.min(intRange[1], limitHigh);
    if (low >= high) {
      throw new UserError(
        `range ${intRange[0]},${intRange[1]} does not fit input "${spec.name}" of dtype ${spec.dtype}`,
        { input: 'int-range' },
      );
    }
    const span = high - low;
    const big = data instanceof BigInt64Array || data instanceof BigUint64Array;
    for (let i = 0; i < n; i++) {
      const value = low + Math.floor(random() * span);
      if (big) (data as BigInt64Array)[i] = BigInt(value);
      else (data as Int32Array)[i] = value;
    }
  }
  return { dtype: spec.dtype, dims, data };
}

/** Seed per input: the configured seed mixed with the input's index, so inputs differ from each other. */
export function inputSeed(seed: number, index: number): number {
  return (Math.imul(seed | 0, 0x9e3779b1) + index * 0x85ebca6b) | 0;
}
