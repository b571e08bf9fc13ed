import { describe, expect, it } from 'vitest';
import {
  parseSmiLine,
  parseSmiTimestamp,
  rejectedField,
  rowToSample,
  SMI_FIELDS,
} from '../../src/power/smi-csv.js';

const fields = [...SMI_FIELDS];

describe('parseSmiLine', () => {
  const cases = [
    {
      what: 'a full row',
      line: '0, GPU-1a2b, 2024/05/01 12:00:00.123, 71.23, 70.12, 1024, 35, 1980, 45',
      expected: { index: 0, uuid: 'GPU-1a2b', powerW: 71.23, memoryUsedMiB: 1024, utilizationPct: 35 },
    },
    {
      what: 'instant power [N/A] falls back to power.draw',
      line: '1, GPU-ff, 2024/05/01 12:00:00.123, [N/A], 70.12, 1024, 35, 1980, 45',
      expected: { index: 1, uuid: 'GPU-ff', powerW: 70.12, memoryUsedMiB: 1024, utilizationPct: 35 },
    },
    {
      what: 'both powers unavailable',
      line: '0, GPU-ff, 2024/05/01 12:00:00.123, [Not Supported], [N/A], [N/A], [N/A], 1980, 45',
      expected: { index: 0, uuid: 'GPU-ff', powerW: null, memoryUsedMiB: null, utilizationPct: null },
    },
  ];
  it.each(cases)('$what', ({ line, expected }) => {
    const sample = rowToSample(parseSmiLine(line, fields)!);
    expect(sample).toMatchObject(expected);
  });

  it.each([
    'Unable to determine the device handle for GPU 0000:17:00.0: Unknown Error',
    '0, GPU-x, oops',
    '0, GPU-1a2b, 2024/05/01 12:00:00.123, abc, 70.12, 1024, 35, 1980, 45',
    '',
  ])('rejects malformed line %j', (line) => {
    expect(parseSmiLine(line, fields)).toBeNull();
  });

  it('drops rows with a bad timestamp', () => {
    const row = parseSmiLine('0, GPU-1, yesterday, 1, 1, 1, 1, 1, 1', fields)!;
    expect(rowToSample(row)).toBeNull();
  });
});

describe('parseSmiTimestamp', () => {
  it('reads local time with milliseconds', () => {
    expect(parseSmiTimestamp('2024/05/01 12:00:00.123')).toBe(new Date(2024, 4, 1, 12, 0, 0, 123).getTime());
    expect(parseSmiTimestamp('2024/05/01 12:00:00')).toBe(new Date(2024, 4, 1, 12, 0, 0, 0).getTime());
    expect(parseSmiTimestamp('2024/05/01 12:00:00.5')).toBe(new Date(2024, 4, 1, 12, 0, 0, 500).getTime());
    expect(parseSmiTimestamp('2024-05-01T12:00:00Z')).toBeNull();
  });
});

describe('rejectedField', () => {
  it('finds the field an old driver rejects', () => {
    expect(rejectedField('Field "power.draw.instant" is not a valid field to query.\n')).toBe(
      'power.draw.instant',
    );
    expect(rejectedField('No devices were found')).toBeNull();
  });
});
