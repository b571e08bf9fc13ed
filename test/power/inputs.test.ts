import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { METER_IDS, powerInputs, readPowerOptions } from '../../src/power/inputs.js';

describe('readPowerOptions', () => {
  it('defaults: every meter, all GPUs, 100 ms, 0.375 W/GB', () => {
    expect(readPowerOptions({})).toEqual({
      meters: [...METER_IDS],
      gpus: null,
      nvidiaSmiIntervalMs: 100,
      externalMeterCommand: null,
      externalMeterMode: 'power',
      externalMeterIntervalMs: 1000,
      cpuTdpW: null,
      ramWPerGb: 0.375,
      requireMeasuredEnergy: false,
      sysfsRoot: '/',
    });
  });

  it.each([
    {
      what: 'JSON array',
      value: ['["ipmitool","dcmi","power","reading"]'],
      expected: ['ipmitool', 'dcmi', 'power', 'reading'],
    },
    {
      what: 'one line',
      value: ['ipmitool dcmi power reading'],
      expected: ['ipmitool', 'dcmi', 'power', 'reading'],
    },
    { what: 'list items', value: ['plug-cli', '--watts'], expected: ['plug-cli', '--watts'] },
  ])('external-meter-command as $what', ({ value, expected }) => {
    expect(readPowerOptions({ 'external-meter-command': value }).externalMeterCommand).toEqual(expected);
  });

  it.each([
    {
      what: 'an unknown meter',
      values: { meters: ['nvml', 'geiger'] },
      message: /^meters: unknown meter "geiger"/,
    },
    {
      what: 'external without a command',
      values: { meters: ['external'] },
      message: /^meters: .*set external-meter-command/,
    },
    { what: 'a bad GPU id', values: { gpus: ['first'] }, message: /^gpus: "first" is neither a GPU index/ },
    {
      what: 'bad JSON',
      values: { 'external-meter-command': ['["a",'] },
      message: /^external-meter-command: .* not a valid JSON array/,
    },
    {
      what: 'JSON not of strings',
      values: { 'external-meter-command': ['[1,2]'] },
      message: /must be a non-empty JSON array of strings/,
    },
  ])('rejects $what with a UserError naming the input', ({ values, message }) => {
    let caught: unknown;
    try {
      readPowerOptions(values);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as Error).message).toMatch(message);
  });

  it('chooses meters and GPUs', () => {
    const o = readPowerOptions({ meters: ['rapl', 'estimate'], gpus: ['0', 'GPU-abc'], 'cpu-tdp-w': 120 });
    expect(o).toMatchObject({ meters: ['rapl', 'estimate'], gpus: ['0', 'GPU-abc'], cpuTdpW: 120 });
  });

  it('declares each input once, kebab-case, with a description', () => {
    const names = powerInputs.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const d of powerInputs) {
      expect(d.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.description.length).toBeGreaterThan(20);
    }
  });
});
