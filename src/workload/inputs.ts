/**
 * Inputs of the workload and benchmark domain (sessions, rounds, input tensors, command mode),
 * declared once; `readWorkloadOptions` turns their values into typed, validated options.
 */
import { defineInputs, type InputValues } from '../config/define.js';
import { UserError } from '../errors.js';
import { parseCommand, parseIntRange, parsePairs } from './parse.js';

export const GRAPH_OPTIMIZATION_LEVELS = ['disabled', 'basic', 'extended', 'all'] as const;
export type GraphOptimizationLevel = (typeof GRAPH_OPTIMIZATION_LEVELS)[number];

export const workloadInputs = defineInputs([
  {
    name: 'execution-provider',
    type: 'string',
    default: 'cpu',
    description:
      'onnxruntime execution provider: cpu, cuda, tensorrt, or another one the installed binding lists.',
  },
  {
    name: 'allow-provider-fallback',
    type: 'boolean',
    default: false,
    description:
      'When the requested execution provider is unavailable, warn and run on cpu instead of failing.',
  },
  {
    name: 'intra-op-threads',
    type: 'integer',
    default: 0,
    min: 0,
    description: 'Threads per inference (onnxruntime intraOpNumThreads); 0 keeps the onnxruntime default.',
  },
  {
    name: 'graph-optimization-level',
    type: 'enum',
    default: 'all',
    choices: GRAPH_OPTIMIZATION_LEVELS,
    description: 'onnxruntime graph optimization level, the same for both models.',
  },
  {
    name: 'batch-sizes',
    type: 'list',
    default: ['1'],
    description:
      'Batch sizes to compare (each is a separate comparison); replaces the dynamic first axis of every input.',
  },
  {
    name: 'duration',
    type: 'number',
    default: 20,
    min: 0.1,
    description:
      'Time budget in seconds for the interleaved rounds of one batch size (warm-up and idle phase not included).',
  },
  {
    name: 'target-ci-pct',
    type: 'number',
    default: 2,
    min: 0.01,
    max: 100,
    description:
      'Stop early once the confidence interval of the PRUNED/BASE median-latency ratio is within ± this many percent.',
  },
  {
    name: 'confidence',
    type: 'number',
    default: 0.95,
    min: 0.5,
    max: 0.9999,
    description: 'Confidence level of the intervals and verdicts (0.95 = 95%).',
  },
  {
    name: 'min-rounds',
    type: 'integer',
    default: 6,
    min: 2,
    description:
      'Interleaved rounds run before the interval may stop the benchmark (rounds always stop after an even count: whole BASE/PRUNED, PRUNED/BASE pairs).',
  },
  {
    name: 'warmup-max-iterations',
    type: 'integer',
    default: 200,
    min: 0,
    description: 'Most warm-up iterations per model; warm-up ends earlier once latency is stable.',
  },
  {
    name: 'min-window-s',
    type: 'number',
    default: 0.2,
    min: 0.001,
    description:
      'Shortest measurement window in seconds (one model, one round). Use 1 or more with nvidia-smi or RAPL meters, whose counters update slowly.',
  },
  {
    name: 'fresh-sessions',
    type: 'enum',
    default: 'auto',
    choices: ['auto', 'always', 'never'],
    description:
      "Open a new session of a model before each of its windows and release it after, so only one session exists while measuring (an idle session's spinning thread pool otherwise steals CPU from the one measured) and memory placement (which shifts one session's latency by up to ~1-2%) varies and shows in the interval; auto does it when opening both models takes at most half a window (and at most 1 s).",
  },
  {
    name: 'cooldown-s',
    type: 'number',
    default: 0,
    min: 0,
    description:
      'Pause in seconds before each measurement window (lets clocks and temperature settle); 0 disables.',
  },
  {
    name: 'idle-duration-s',
    type: 'number',
    default: 2,
    min: 0,
    description:
      'Seconds of idle measurement (meters running, no inference) before the rounds, to subtract idle power; 0 disables.',
  },
  {
    name: 'seed',
    type: 'integer',
    default: 42,
    description: 'Seed for synthesized input tensors and bootstrap resampling.',
  },
  {
    name: 'input-files',
    type: 'list',
    description:
      'Input tensors from files instead of random data: NAME=path (.npy, .json, or .npz holding NAME), or a bare .npz/.json path holding all inputs by name.',
  },
  {
    name: 'input-map',
    type: 'list',
    description:
      'Input name mapping when the models name inputs differently: BASE_NAME=PRUNED_NAME feeds BASE input BASE_NAME to PRUNED input PRUNED_NAME.',
  },
  {
    name: 'int-range',
    type: 'string',
    default: '0,100',
    description: 'Range low,high (high excluded) of synthesized integer inputs, e.g. 0,30522 for token ids.',
  },
  {
    name: 'base-command',
    type: 'string',
    description:
      'Command mode: the command run for BASE, as a JSON array of arguments (no shell), e.g. ["python","bench.py","base.pt"].',
  },
  {
    name: 'pruned-command',
    type: 'string',
    description: 'Command mode: the command run for PRUNED, as a JSON array of arguments (no shell).',
  },
  {
    name: 'command-metrics-file',
    type: 'path',
    description:
      'Command mode: where the command writes its per-run metrics JSON ({"items": N, "latencyMs": [...]}); by default a temp file, passed in CARBON_DELTA_METRICS_FILE.',
  },
] as const);

/** Typed, validated options of the workload and benchmark. */
export interface WorkloadOptions {
  /** `command` when base-command and pruned-command are given, else `onnx`. */
  mode: 'onnx' | 'command';
  executionProvider: string;
  allowProviderFallback: boolean;
  /** 0 = onnxruntime default. */
  intraOpThreads: number;
  graphOptimizationLevel: GraphOptimizationLevel;
  batchSizes: number[];
  /** Time budget of the rounds, seconds. */
  durationS: number;
  /** Target half-width of the ratio interval, percent. */
  targetCiPct: number;
  confidence: number;
  minRounds: number;
  warmupMaxIterations: number;
  minWindowS: number;
  cooldownS: number;
  freshSessions: 'auto' | 'always' | 'never';
  idleDurationS: number;
  seed: number;
  /** Input files; `name: null` = an .npz/.json file holding all inputs by name. */
  inputFiles: { name: string | null; path: string }[];
  /** BASE input name → PRUNED input name. */
  inputMap: Record<string, string>;
  /** [low, high) of synthesized integer inputs. */
  intRange: [number, number];
  baseCommand: string[] | null;
  prunedCommand: string[] | null;
  commandMetricsFile: string | null;
}

/** Read and validate the workload inputs; throws `UserError` naming the input and the bad value. */
export function readWorkloadOptions(values: InputValues): WorkloadOptions {
  const num = (name: string, fallback: number): number => {
    const v = values[name];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new UserError(`expected a number, got "${String(v)}"`, { input: name });
    return v;
  };
  const provider = String(values['execution-provider'] ?? 'cpu')
    .trim()
    .toLowerCase();
  if (!/^[a-z0-9_-]+$/.test(provider))
    throw new UserError(`"${provider}" is not a provider name (e.g. cpu, cuda, tensorrt)`, {
      input: 'execution-provider',
    });
  const level = String(values['graph-optimization-level'] ?? 'all');
  if (!(GRAPH_OPTIMIZATION_LEVELS as readonly string[]).includes(level)) {
    throw new UserError(`"${level}" is not one of ${GRAPH_OPTIMIZATION_LEVELS.join(', ')}`, {
      input: 'graph-optimization-level',
    });
  }
  const batchSizes = asList(values['batch-sizes'] ?? ['1']).map((b) => {
    const n = Number(b);
    if (!Number.isInteger(n) || n < 1)
      throw new UserError(`"${b}" is not a positive integer batch size`, { input: 'batch-sizes' });
    return n;
  });
  if (batchSizes.length === 0)
    throw new UserError('give at least one batch size, e.g. 1', { input: 'batch-sizes' });
  const baseCommand = parseCommand(values['base-command'], 'base-command');
  const prunedCommand = parseCommand(values['pruned-command'], 'pruned-command');
  if ((baseCommand === null) !== (prunedCommand === null)) {
    throw new UserError('command mode needs both base-command and pruned-command', {
      input: baseCommand ? 'pruned-command' : 'base-command',
    });
  }
  const confidence = num('confidence', 0.95);
  if (!(confidence > 0 && confidence < 1))
    throw new UserError(`${confidence} is not in (0, 1); use e.g. 0.95`, { input: 'confidence' });
  const positive = (name: string, fallback: number, allowZero: boolean): number => {
    const v = num(name, fallback);
    if (v < 0 || (!allowZero && v === 0))
      throw new UserError(`${v} must be ${allowZero ? '0 or more' : 'greater than 0'}`, { input: name });
    return v;
  };
  const integer = (name: string, fallback: number, min: number): number => {
    const v = num(name, fallback);
    if (!Number.isInteger(v) || v < min)
      throw new UserError(`${v} must be an integer ≥ ${min}`, { input: name });
    return v;
  };
  const inputFiles = parsePairs(values['input-files'], 'input-files', true).map(([name, path]) => ({
    name,
    path,
  }));
  const inputMap = Object.fromEntries(
    parsePairs(values['input-map'], 'input-map', false) as [string, string][],
  );
  return {
    mode: baseCommand ? 'command' : 'onnx',
    executionProvider: provider,
    allowProviderFallback: values['allow-provider-fallback'] === true,
    intraOpThreads: integer('intra-op-threads', 0, 0),
    graphOptimizationLevel: level as GraphOptimizationLevel,
    batchSizes: [...new Set(batchSizes)],
    durationS: positive('duration', 20, false),
    targetCiPct: positive('target-ci-pct', 2, false),
    confidence,
    minRounds: integer('min-rounds', 6, 2),
    warmupMaxIterations: integer('warmup-max-iterations', 200, 0),
    minWindowS: positive('min-window-s', 0.2, false),
    cooldownS: positive('cooldown-s', 0, true),
    freshSessions: readFresh(values['fresh-sessions']),
    idleDurationS: positive('idle-duration-s', 2, true),
    seed: integer('seed', 42, Number.MIN_SAFE_INTEGER),
    inputFiles,
    inputMap,
    intRange: parseIntRange(values['int-range'] ?? '0,100'),
    baseCommand,
    prunedCommand,
    commandMetricsFile:
      typeof values['command-metrics-file'] === 'string' && values['command-metrics-file'] !== ''
        ? values['command-metrics-file']
        : null,
  };
}

function readFresh(value: unknown): WorkloadOptions['freshSessions'] {
  const v = String(value ?? 'auto');
  if (v !== 'auto' && v !== 'always' && v !== 'never')
    throw new UserError(`"${v}" is not one of auto, always, never`, { input: 'fresh-sessions' });
  return v;
}

function asList(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .map(String)
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
