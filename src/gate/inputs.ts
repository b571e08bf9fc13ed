/**
 * Gate inputs. Each threshold is a pair: the plain name is the **fail** level
 * (`min-energy-savings-pct: 20`), the `warn-` twin the **warn** level
 * (`warn-min-energy-savings-pct: 30`). The warn level must be at least as strict as the fail
 * level (for `min-` inputs warn ≥ fail, for `max-` inputs warn ≤ fail).
 */
import { defineInputs } from '../config/define.js';
import type { InputDef, InputValues } from '../config/define.js';
import { UserError } from '../errors.js';
import type { GateOptions, Threshold } from './types.js';

interface PairDef {
  name: string;
  key: Exclude<keyof GateOptions, 'failOnRegression' | 'macsKind'>;
  direction: 'min' | 'max';
  what: string;
  defaultFail?: number;
  defaultWarn?: number;
  min?: number;
  max?: number;
}

const PAIRS: readonly PairDef[] = [
  {
    name: 'min-macs-reduction-pct',
    key: 'minMacsReductionPct',
    direction: 'min',
    what: 'MACs reduction of PRUNED vs BASE, percent (see gate-macs-kind)',
    max: 100,
  },
  {
    name: 'min-energy-savings-pct',
    key: 'minEnergySavingsPct',
    direction: 'min',
    what: 'energy savings per inference of PRUNED vs BASE, percent',
    max: 100,
  },
  {
    name: 'max-latency-regression-pct',
    key: 'maxLatencyRegressionPct',
    direction: 'max',
    what: 'p50 latency increase of PRUNED vs BASE, percent (negative demands a speed-up)',
    min: -100,
  },
  {
    name: 'max-accuracy-drop-pct',
    key: 'maxAccuracyDropPct',
    direction: 'max',
    what: 'accuracy drop of PRUNED vs BASE, percentage points of each metric',
  },
  {
    name: 'max-co2e-per-1m-g',
    key: 'maxCo2ePer1MG',
    direction: 'max',
    what: 'CO2e of PRUNED per 1M inferences, grams',
    min: 0,
  },
  {
    name: 'max-savings-regression-pct',
    key: 'maxSavingsRegressionPct',
    direction: 'max',
    what: "drop of the energy savings (MACs reduction when energy is not comparable) against the base branch's latest report, percentage points",
    defaultFail: 5,
    defaultWarn: 2,
  },
];

function pairDefs(p: PairDef): InputDef[] {
  const side = p.direction === 'min' ? 'below' : 'above';
  const def = (name: string, level: 'Fail' | 'Warn', when: string, dflt: number | undefined): InputDef => ({
    name,
    type: 'number',
    description: `${level} when the ${p.what} is ${side} this value ${when}. ${dflt == null ? 'Default: no check.' : `Default: ${dflt}.`}`,
    ...(dflt != null && { default: dflt }),
    ...(p.min != null && { min: p.min }),
    ...(p.max != null && { max: p.max }),
  });
  return [
    def(p.name, 'Fail', 'with its whole confidence interval', p.defaultFail),
    def(`warn-${p.name}`, 'Warn', '(point estimate)', p.defaultWarn),
  ];
}

export const gateInputs = defineInputs([
  ...PAIRS.flatMap(pairDefs),
  {
    name: 'gate-macs-kind',
    type: 'enum',
    choices: ['sparse', 'dense'] as const,
    default: 'sparse',
    description:
      'Which MAC count min-macs-reduction-pct reads: sparse (skips exact-zero weights; unstructured pruning) or dense (what a dense kernel runs; structured pruning).',
  },
  {
    name: 'fail-on-regression',
    type: 'boolean',
    default: true,
    description:
      'Exit 1 when a gate check fails. false makes the gate advisory: failures are reported in the comment and outputs only.',
  },
] as const satisfies readonly InputDef[]);

function num(values: InputValues, name: string): number | undefined {
  const v = values[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new UserError(`expected a number, got "${String(v)}".`, { input: name });
  }
  return v;
}

/** Typed gate options; throws `UserError` when a warn level is laxer than its fail level. */
export function readGateOptions(values: InputValues): GateOptions {
  const thresholds = {} as Record<PairDef['key'], Threshold>;
  for (const p of PAIRS) {
    const fail = num(values, p.name);
    const warn = num(values, `warn-${p.name}`);
    if (fail !== undefined && warn !== undefined) {
      const bad = p.direction === 'min' ? warn < fail : warn > fail;
      if (bad) {
        throw new UserError(
          `warn-${p.name} (${warn}) must be ${p.direction === 'min' ? 'at least' : 'at most'} ${p.name} (${fail}): ` +
            `the warning level has to trigger before the failure level. Raise ${p.direction === 'min' ? `warn-${p.name}` : p.name} or lower the other.`,
          { input: `warn-${p.name}` },
        );
      }
    }
    thresholds[p.key] = { ...(warn !== undefined && { warn }), ...(fail !== undefined && { fail }) };
  }
  const kind = values['gate-macs-kind'] ?? 'sparse';
  if (kind !== 'sparse' && kind !== 'dense') {
    throw new UserError(`expected "sparse" or "dense", got "${String(kind)}".`, { input: 'gate-macs-kind' });
  }
  return { ...thresholds, macsKind: kind, failOnRegression: values['fail-on-regression'] !== false };
}
