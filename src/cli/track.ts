/** `carbon-delta track -- <command>`: measure any command (e.g. fine-tuning) and append emissions.csv. */
import { resolve } from 'node:path';
import { readCarbonOptions } from '../carbon/inputs.js';
import { resolveIntensity } from '../carbon/intensity.js';
import { emissionsLocation } from '../carbon/emissions-rows.js';
import { runTrack } from '../carbon/track.js';
import { coreInputs } from '../config/core-inputs.js';
import { INPUT_GROUPS } from '../config/inputs.js';
import { ExitCode, UserError } from '../errors.js';
import { readPowerOptions } from '../power/inputs.js';
import { selectMeters } from '../power/select.js';
import { CLI_INPUTS } from '../config/inputs.js';
import { helpText, parseCliArgs } from './args.js';
import type { CliIo } from './main.js';
import { cliInputValues } from './values.js';

const USAGE =
  'Usage: carbon-delta track [--output-dir DIR] [meter and carbon options] -- <command> [args...]';

export async function runTrackCommand(argv: string[], io: CliIo): Promise<number> {
  const split = argv.indexOf('--');
  const own = split === -1 ? argv : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(split + 1);
  const args = parseCliArgs(own, CLI_INPUTS);
  if (args.flags.help) {
    const groups = INPUT_GROUPS.filter((g) =>
      ['Energy meters', 'Carbon, cost and lifetime'].includes(g.title),
    );
    io.stdout(
      `${helpText(USAGE, [{ title: 'Output', inputs: coreInputs.filter((d) => d.name === 'output-dir') }, ...groups])}\n`,
    );
    return ExitCode.ok;
  }
  if (command.length === 0) {
    throw new UserError(`no command given. ${USAGE}`, { input: 'track' });
  }
  const values = cliInputValues(args.inputs, io.cwd);
  const power = readPowerOptions(values);
  const carbon = readCarbonOptions(values);
  const { intensity, warnings } = await resolveIntensity(carbon, { logger: io.logger });
  warnings.forEach((w) => io.logger.warn(w));
  const selection = await selectMeters(power, { env: io.env, logger: io.logger });
  try {
    const outPath = resolve(io.cwd, String(values['output-dir'] ?? 'carbon-delta-report'), 'emissions.csv');
    // runTrack logs the energy and CO2e it appended; the command's exit code is passed through.
    const { exitCode } = await runTrack(command, {
      meters: selection.active,
      intensity,
      outPath,
      logger: io.logger,
      location: emissionsLocation(carbon),
    });
    return exitCode;
  } finally {
    await Promise.all(selection.active.map((m) => m.close().catch(() => undefined)));
  }
}
