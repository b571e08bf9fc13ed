/**
 * One-shot nvidia-smi queries: which of the sampler's fields this driver supports, and which
 * GPUs are present. Older drivers reject `power.draw.instant` (added for Ampere/Hopper, where
 * `power.draw` became a 1-second average); the probe drops rejected fields and retries.
 */
import type { Exec } from './exec.js';
import { firstLine } from './exec.js';
import {
  parseSmiLine,
  rejectedField,
  rowToSample,
  SMI_FIELDS,
  SMI_REQUIRED_FIELDS,
  type SmiSample,
} from './smi-csv.js';

/** The probe's findings, or why nvidia-smi cannot be used. */
export type SmiProbe = { ok: true; fields: string[]; samples: SmiSample[] } | { ok: false; reason: string };

const CSV_FORMAT = '--format=csv,noheader,nounits';

/** Query every field once, dropping the ones this driver rejects. */
export async function probeNvidiaSmi(exec: Exec, command: string, env: NodeJS.ProcessEnv): Promise<SmiProbe> {
  let fields: string[] = [...SMI_FIELDS];
  for (let attempt = 0; attempt <= SMI_FIELDS.length; attempt++) {
    const result = await exec(command, [`--query-gpu=${fields.join(',')}`, CSV_FORMAT], {
      timeoutMs: 15_000,
      env,
    });
    if (result.notFound)
      return { ok: false, reason: `${command} not found on PATH (no NVIDIA driver on this machine)` };
    const output = `${result.stdout}\n${result.stderr}`;
    if (result.exitCode !== 0) {
      const rejected = rejectedField(output);
      if (
        rejected &&
        fields.includes(rejected) &&
        !(SMI_REQUIRED_FIELDS as readonly string[]).includes(rejected)
      ) {
        fields = fields.filter((f) => f !== rejected);
        continue;
      }
      const said = firstLine(output) || result.failure || `exit code ${result.exitCode}`;
      return { ok: false, reason: `${command} failed: ${said}` };
    }
    if (!fields.includes('power.draw.instant') && !fields.includes('power.draw')) {
      return {
        ok: false,
        reason: `${command} supports neither power.draw.instant nor power.draw on this driver`,
      };
    }
    const samples = result.stdout
      .split('\n')
      .map((line) => parseSmiLine(line, fields))
      .map((row) => (row ? rowToSample(row) : null))
      .filter((s): s is SmiSample => s !== null);
    if (samples.length === 0)
      return { ok: false, reason: `${command} listed no GPUs (${firstLine(output) || 'empty output'})` };
    return { ok: true, fields, samples };
  }
  return { ok: false, reason: `${command} rejected every query field` };
}
