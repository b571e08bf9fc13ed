import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { helpText } from '../../src/cli/args.js';
import { ACTION_INPUTS, ALL_INPUTS, CLI_INPUTS, INPUT_GROUPS } from '../../src/config/inputs.js';
import { parseValue } from '../../src/config/values.js';
import { TOOL_VERSION } from '../../src/version.js';
import pkg from '../../package.json' with { type: 'json' };

describe('the input table', () => {
  it('names every input once, in kebab-case, with a description', () => {
    const names = ALL_INPUTS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const def of ALL_INPUTS) {
      expect(def.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(def.description.length).toBeGreaterThan(10);
      if (def.type === 'enum') expect(def.choices?.length).toBeGreaterThan(0);
    }
  });

  it('has defaults that pass their own validation', () => {
    for (const def of ALL_INPUTS) {
      if (def.default === undefined || def.type === 'path' || def.type === 'string') continue;
      expect(() => parseValue(def, def.default, 'default'), def.name).not.toThrow();
    }
  });

  it('agrees with action.yml: same inputs, same defaults', () => {
    const action = parse(readFileSync('action.yml', 'utf8'));
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(action.inputs).sort()).toEqual(ACTION_INPUTS.map((d) => d.name).sort());
    for (const def of ACTION_INPUTS) {
      const shown = action.inputs[def.name].default;
      if (def.default === undefined || (Array.isArray(def.default) && def.default.length === 0)) {
        expect(shown, def.name).toBeUndefined();
      } else {
        expect(String(shown), def.name).toBe(
          Array.isArray(def.default) ? def.default.join('\n') : String(def.default),
        );
      }
    }
  });

  it('agrees with --help: every CLI input is a flag', () => {
    const help = helpText('usage', INPUT_GROUPS);
    for (const def of CLI_INPUTS) expect(help, def.name).toContain(`--${def.name} `);
    for (const def of ALL_INPUTS.filter((d) => d.scope === 'action'))
      expect(help).not.toContain(`--${def.name} `);
  });

  it('reports the package version', () => {
    expect(TOOL_VERSION).toBe(pkg.version);
  });
});
