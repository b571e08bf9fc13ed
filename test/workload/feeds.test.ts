import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { TensorSpec } from '../../src/model/types.js';
import { buildWorkload, checkSignatures } from '../../src/workload/feeds.js';
import { readWorkloadOptions } from '../../src/workload/inputs.js';
import { resolveShape } from '../../src/workload/shapes.js';
import { synthesizeTensor } from '../../src/workload/synthesize.js';
import { toFloat16Bits } from '../../src/data/float16.js';

const spec = (name: string, dtype: string, shape: (number | string)[]): TensorSpec => ({
  name,
  dtype,
  shape,
});
const options = readWorkloadOptions({});

describe('checkSignatures', () => {
  const base = [spec('input_ids', 'int64', ['batch', 'seq']), spec('mask', 'bool', ['batch', 'seq'])];

  it('accepts the same inputs, whatever the dynamic dims are called', () => {
    const pruned = [spec('mask', 'bool', ['N', 'S']), spec('input_ids', 'int64', ['N', 'S'])];
    expect(checkSignatures(base, pruned, {})('mask')).toBe('mask');
  });

  it.each([
    {
      what: 'renamed input',
      pruned: [spec('ids', 'int64', ['batch', 'seq']), spec('mask', 'bool', ['batch', 'seq'])],
      message: /PRUNED has no input "input_ids".*PRUNED input "ids" has no BASE counterpart/s,
    },
    {
      what: 'dtype differs',
      pruned: [spec('input_ids', 'int32', ['batch', 'seq']), spec('mask', 'bool', ['batch', 'seq'])],
      message: /"input_ids" is int64 in BASE but int32 in PRUNED/,
    },
    {
      what: 'fixed shape differs',
      pruned: [spec('input_ids', 'int64', ['batch', 128]), spec('mask', 'bool', ['batch', 'seq'])],
      message: /shape \[batch,seq\] in BASE but \[batch,128\] in PRUNED/,
    },
    {
      what: 'extra input',
      pruned: [...base, spec('pos', 'int64', ['batch'])],
      message: /PRUNED input "pos" has no BASE counterpart/,
    },
  ])('$what → UserError listing both signatures', ({ pruned, message }) => {
    const error = (() => {
      try {
        checkSignatures(base, pruned, {});
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    const text = (error as Error).message;
    expect(text).toMatch(message);
    expect(text).toContain('BASE:   input_ids int64 [batch,seq]; mask bool [batch,seq]');
    expect(text).toMatch(/PRUNED: .*\n.*input-map/);
  });

  it('input-map feeds BASE inputs to differently named PRUNED inputs', async () => {
    const pruned = [spec('ids', 'int64', ['batch', 'seq']), spec('attention', 'bool', ['batch', 'seq'])];
    const w = await buildWorkload({
      base,
      pruned,
      inputShapes: { input_ids: [1, 16], mask: [1, 16] },
      batchSize: 2,
      options: readWorkloadOptions({ 'input-map': ['input_ids=ids', 'mask=attention'] }),
    });
    expect(w.pruned.ids).toBe(w.base.input_ids);
    expect(w.pruned.attention).toBe(w.base.mask);
    expect(w.base.input_ids.dims).toEqual([2, 16]);
  });

  it('input-map naming an unknown BASE input → UserError', () => {
    expect(() => checkSignatures(base, base, { nope: 'x' })).toThrow(
      /input-map: "nope" is not an input of BASE/,
    );
  });
});

describe('synthesizeTensor', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const s = spec('x', 'float32', ['batch', 8]);
    const a = synthesizeTensor(s, [2, 8], 1, [0, 10]);
    expect(synthesizeTensor(s, [2, 8], 1, [0, 10]).data).toEqual(a.data);
    expect(synthesizeTensor(s, [2, 8], 2, [0, 10]).data).not.toEqual(a.data);
    const values = Array.from(synthesizeTensor(s, [1, 4000], 3, [0, 1]).data as Float32Array);
    const mean = values.reduce((x, y) => x + y) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.1); // N(0, 1)
  });

  it.each([
    {
      dtype: 'int64',
      range: [5, 9] as [number, number],
      check: (v: unknown) => typeof v === 'bigint' && v >= 5n && v < 9n,
    },
    {
      dtype: 'int32',
      range: [-3, 3] as [number, number],
      check: (v: unknown) => typeof v === 'number' && v >= -3 && v < 3,
    },
    {
      dtype: 'uint8',
      range: [0, 1000] as [number, number],
      check: (v: unknown) => typeof v === 'number' && v >= 0 && v < 256,
    },
    { dtype: 'bool', range: [0, 1] as [number, number], check: (v: unknown) => v === 0 || v === 1 },
  ])('$dtype values stay in range $range', ({ dtype, range, check }) => {
    const t = synthesizeTensor(spec('x', dtype, [100]), [100], 5, range);
    expect(Array.from(t.data as ArrayLike<unknown>).every(check)).toBe(true);
  });

  it('float16 is stored as half bits', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(1e6)).toBe(0x7c00);
    expect(toFloat16Bits(5.960464477539063e-8)).toBe(1); // smallest subnormal
    const t = synthesizeTensor(spec('h', 'float16', [3]), [3], 1, [0, 1]);
    expect(t.data).toBeInstanceOf(Uint16Array);
  });

  it('refuses string inputs and ranges outside the dtype', () => {
    expect(() => synthesizeTensor(spec('s', 'string', [1]), [1], 1, [0, 1])).toThrow(/cannot synthesize/);
    expect(() => synthesizeTensor(spec('u', 'uint8', [1]), [1], 1, [300, 400])).toThrow(
      /int-range: range 300,400 does not fit/,
    );
  });
});

describe('resolveShape', () => {
  it.each([
    {
      what: 'batch replaces dynamic axis 0',
      declared: ['batch', 784],
      given: undefined,
      batch: 4,
      expected: [4, 784],
    },
    {
      what: 'given fills a dynamic dim',
      declared: ['batch', 'seq'],
      given: [1, 128],
      batch: 2,
      expected: [2, 128],
    },
    {
      what: 'unknown dims as -1',
      declared: [-1, 3, -1, -1],
      given: [1, 3, 32, 32],
      batch: 1,
      expected: [1, 3, 32, 32],
    },
    { what: 'fixed batch equal', declared: [1, 10], given: undefined, batch: 1, expected: [1, 10] },
  ])('$what', ({ declared, given, batch, expected }) => {
    expect(resolveShape(spec('x', 'float32', declared), given, batch)).toEqual(expected);
  });

  it.each([
    {
      what: 'dynamic dim without a size',
      declared: ['batch', 'seq'],
      given: undefined,
      batch: 1,
      message: /axis 1 \("seq"\) has no fixed size; give the shape, e.g. --input x=1xN/,
    },
    {
      what: 'fixed batch differs',
      declared: [1, 10],
      given: undefined,
      batch: 8,
      message: /batch-sizes: .*fixed batch axis of 1/,
    },
    { what: 'rank differs', declared: ['batch', 10], given: [1, 10, 1], batch: 1, message: /has 2 dims/ },
    {
      what: 'fixed dim differs',
      declared: ['batch', 10],
      given: [1, 11],
      batch: 1,
      message: /axis 1 is fixed at 10/,
    },
  ])('$what → UserError', ({ declared, given, batch, message }) => {
    expect(() => resolveShape(spec('x', 'float32', declared), given, batch)).toThrow(message);
  });
});

describe('buildWorkload', () => {
  it('gives BASE and PRUNED the very same tensor objects', async () => {
    const s = [spec('input', 'float32', ['batch', 784])];
    const w = await buildWorkload({ base: s, pruned: s, inputShapes: {}, batchSize: 3, options });
    expect(w.pruned.input).toBe(w.base.input);
    expect(w.base.input.dims).toEqual([3, 784]);
  });
});
