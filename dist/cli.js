#!/usr/bin/env node
import { createRequire as __cdCreateRequire } from 'node:module'; const require = __cdCreateRequire(import.meta.url);
import {
  CLI_INPUTS,
  INPUT_GROUPS,
  coreInputs,
  readConfigFile,
  resolveInputValues
} from "./chunks/chunk-2MDNG3VN.js";
import {
  CODECARBON_COLUMNS,
  ExitCode,
  UserError,
  analyzeModel,
  emissionsLocation,
  emissionsRowsFromWindows,
  energyMethodOf,
  errorMessage,
  evaluate,
  execa,
  isUserError,
  parse,
  parseInputArg,
  readCarbonOptions,
  readPowerOptions,
  readingsEnergyByDomain,
  resolveIntensity,
  selectMeters,
  toEmissionsCsv,
  toEmissionsCsvRows
} from "./chunks/chunk-OGIHIWFR.js";
import "./chunks/chunk-R2CE6JUH.js";

// src/log.ts
function stderrLogger(verbose = false) {
  return {
    debug: (m) => {
      if (verbose) process.stderr.write(`debug: ${m}
`);
    },
    info: (m) => process.stderr.write(`${m}
`),
    warn: (m) => process.stderr.write(`warning: ${m}
`),
    error: (m) => process.stderr.write(`error: ${m}
`)
  };
}

// src/cli/analyze.ts
import { resolve } from "node:path";
import { existsSync } from "node:fs";

// src/model/format.ts
var n = (x) => x.toLocaleString("en-US");
function compact(x) {
  const units = [
    [1e12, "T"],
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"]
  ];
  for (const [scale, unit] of units) if (Math.abs(x) >= scale) return `${(x / scale).toFixed(2)} ${unit}`;
  return String(x);
}
var bytes = (b) => `${compact(b)}B`.replace(/^(\d+)B$/, "$1 B");
var pct = (part, whole) => whole === 0 ? "0.0%" : `${(part / whole * 100).toFixed(1)}%`;
function table(rows, rightAligned) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map(
    (r) => r.map((cell, c) => rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])).join("  ").trimEnd()
  );
}
function formatAnalysis(a) {
  const m = a.model;
  const lines = [];
  const ext = m.externalDataBytes ? ` + ${bytes(m.externalDataBytes)} external data` : "";
  lines.push(`Model       ${m.path}`);
  lines.push(
    `            ${bytes(m.fileBytes)}${ext}, opset ${m.opset}, IR ${m.irVersion}${m.producer ? `, ${m.producer}` : ""}, ${a.nodeCount} nodes`
  );
  for (const i of m.inputs) {
    lines.push(
      `Input       ${i.name} ${i.dtype} [${(a.inputShapes[i.name] ?? []).join(", ")}]  (declared [${i.shape.join(", ")}])`
    );
  }
  const p = a.parameters;
  lines.push(
    `Parameters  ${n(p.total)} (${compact(p.total)}), nonzero ${n(p.nonzero)}, sparsity ${pct(p.total - p.nonzero, p.total)}, weights ${bytes(p.weightBytes)}`
  );
  for (const [dtype, d] of Object.entries(p.byDtype)) {
    lines.push(`            ${dtype}: ${n(d.total)}, nonzero ${n(d.nonzero)}, ${bytes(d.bytes)}`);
  }
  lines.push(
    `MACs        dense ${n(a.macs.dense)} (${compact(a.macs.dense)}), sparse ${n(a.macs.sparse)} (${compact(a.macs.sparse)})`
  );
  lines.push(
    `FLOPs       dense ${n(a.flops.dense)} (${compact(a.flops.dense)}), sparse ${n(a.flops.sparse)} (${compact(a.flops.sparse)})`
  );
  lines.push("");
  const rows = [["op type", "nodes", "dense MACs", "sparse MACs", "FLOPs (dense)", "share of MACs"]];
  const flops = a.flops.byOpType ?? {};
  const ops = Object.keys(a.opTypes).sort(
    (x, y) => (a.macs.byOpType[y]?.dense ?? 0) - (a.macs.byOpType[x]?.dense ?? 0) || (flops[y] ?? 0) - (flops[x] ?? 0) || x.localeCompare(y)
  );
  for (const op of ops) {
    const mc = a.macs.byOpType[op];
    const unsupported = a.unsupportedOps.find((u) => u.opType === op);
    rows.push([
      op + (unsupported ? " *" : ""),
      n(a.opTypes[op]),
      mc ? n(mc.dense) : "-",
      mc ? n(mc.sparse) : "-",
      flops[op] ? n(flops[op]) : "-",
      mc ? pct(mc.dense, a.macs.dense) : ""
    ]);
  }
  rows.push(["total", n(a.nodeCount), n(a.macs.dense), n(a.macs.sparse), n(a.flops.dense), ""]);
  lines.push(...table(rows, [false, true, true, true, true, true]));
  if (a.unsupportedOps.length > 0) {
    lines.push("");
    lines.push("* Not counted (MACs/FLOPs unknown for these nodes):");
    for (const u of a.unsupportedOps)
      lines.push(`  ${u.opType} (${u.nodes} node${u.nodes === 1 ? "" : "s"}): ${u.reason ?? ""}`);
  }
  return lines.join("\n");
}

// src/cli/args.ts
import { parseArgs } from "node:util";
var ALIASES = {
  base: "base-model",
  pruned: "pruned-model",
  out: "output-dir"
};
var CLI_FLAGS = ["json", "help", "verbose", "version"];
function parseCliArgs(argv, defs) {
  const booleans = new Set(defs.filter((d) => d.type === "boolean").map((d) => d.name));
  const normalized = argv.map(
    (arg) => arg.startsWith("--") && booleans.has(arg.slice(2)) ? `${arg}=true` : arg
  );
  const options = {};
  for (const def of defs) options[def.name] = { type: "string", multiple: def.type === "list" };
  for (const [alias, target] of Object.entries(ALIASES)) {
    if (options[target]) options[alias] = { ...options[target] };
  }
  for (const flag of CLI_FLAGS) options[flag] = { type: "boolean" };
  options["help"].short = "h";
  let parsed;
  try {
    parsed = parseArgs({ args: normalized, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`${message.replace(/\. To specify .*$/s, "")}. Run with --help to list the flags.`, {
      input: "command line"
    });
  }
  const inputs = {};
  const flags = Object.fromEntries(CLI_FLAGS.map((f) => [f, false]));
  for (const [key, value] of Object.entries(parsed.values)) {
    if (CLI_FLAGS.includes(key))
      flags[key] = Boolean(value);
    else inputs[ALIASES[key] ?? key] = value;
  }
  return { inputs, flags, positionals: parsed.positionals };
}
function helpText(usage, groups) {
  const lines = [usage, ""];
  const aliasOf = Object.fromEntries(Object.entries(ALIASES).map(([a, t]) => [t, a]));
  for (const group of groups) {
    const inputs = group.inputs.filter((d) => d.scope !== "action");
    if (inputs.length === 0) continue;
    lines.push(`${group.title}:`);
    for (const def of inputs) {
      const alias = aliasOf[def.name] ? ` (--${aliasOf[def.name]})` : "";
      const shownDefault = def.default === void 0 || Array.isArray(def.default) && def.default.length === 0 ? "" : ` [default: ${Array.isArray(def.default) ? def.default.join(",") : String(def.default)}]`;
      const choices = def.choices ? ` {${def.choices.join("|")}}` : "";
      lines.push(`  --${def.name}${alias} <${def.type}>${choices}${shownDefault}`);
      lines.push(`      ${def.description}`);
    }
    lines.push("");
  }
  lines.push(
    "Flags:",
    "  --json      print one JSON document to stdout (logs go to stderr)",
    "  --verbose   debug logs",
    "  -h, --help  this help"
  );
  return lines.join("\n");
}

// src/cli/analyze.ts
var USAGE = "Usage: carbon-delta analyze <model.onnx> [--input NAME=D1xD2x...]... [--json]";
async function runAnalyze(argv, io) {
  const inputDef = coreInputs.filter((d) => d.name === "input");
  const args = parseCliArgs(argv, inputDef);
  if (args.flags.help) {
    io.stdout(`${helpText(USAGE, [{ title: "Options", inputs: inputDef }])}
`);
    return ExitCode.ok;
  }
  if (args.positionals.length !== 1) {
    throw new UserError(`expected exactly one model file, got ${args.positionals.length}. ${USAGE}`, {
      input: "analyze"
    });
  }
  const given = args.positionals[0];
  const path = resolve(io.cwd, given);
  if (!existsSync(path)) {
    throw new UserError(`file ${given} not found (working directory ${io.cwd}). Check the path.`, {
      input: "model"
    });
  }
  const inputs = args.inputs["input"];
  const inputShapes = parseInputArg(Array.isArray(inputs) ? inputs : inputs ? [inputs] : []);
  const analysis = await analyzeModel(path, { inputShapes, logger: io.logger });
  analysis.model.path = given;
  io.stdout(args.flags.json ? `${JSON.stringify(analysis, null, 2)}
` : `${formatAnalysis(analysis)}
`);
  return ExitCode.ok;
}

// src/cli/compare.ts
import { existsSync as existsSync2 } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

// src/cli/values.ts
function cliInputValues(inputs, cwd) {
  const configPath = typeof inputs["config"] === "string" ? inputs["config"] : void 0;
  const file = readConfigFile(configPath, cwd);
  return resolveInputValues(CLI_INPUTS, { explicit: inputs, file: file?.values, filePath: file?.path });
}

// src/cli/compare.ts
var COMPARE_USAGE = "Usage: carbon-delta compare --base <model> --pruned <model> [--config FILE] [--input NAME=DIMS]... [--out DIR] [--json] [options]";
var DEMO_USAGE = "Usage: carbon-delta demo [options]   (compare options apply; the example models are preset)";
async function runCompare(argv, io) {
  const args = parseCliArgs(argv, CLI_INPUTS);
  if (args.flags.help) {
    io.stdout(`${helpText(COMPARE_USAGE, INPUT_GROUPS)}
`);
    return ExitCode.ok;
  }
  if (args.positionals.length > 0) {
    throw new UserError(
      `unexpected argument "${args.positionals[0]}". Give the models as --base <file> --pruned <file>.`,
      { input: "compare" }
    );
  }
  return compareWith(args.inputs, args.flags.json, io);
}
function examplesDir() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync2(join(dir, "examples", "base.onnx"))) return join(dir, "examples");
    dir = dirname(dir);
  }
  throw new UserError(
    "the bundled example models were not found next to the program. Reinstall carbon-delta.",
    {
      input: "demo"
    }
  );
}
async function runDemo(argv, io) {
  const args = parseCliArgs(argv, CLI_INPUTS);
  if (args.flags.help) {
    io.stdout(`${helpText(DEMO_USAGE, INPUT_GROUPS)}
`);
    return ExitCode.ok;
  }
  const examples = examplesDir();
  const rel = (file) => relative(io.cwd, join(examples, file)) || file;
  const preset = {
    "base-model": rel("base.onnx"),
    "pruned-model": rel("pruned-structured.onnx"),
    duration: "10",
    "output-dir": "carbon-delta-report"
  };
  if (existsSync2(join(examples, "eval", "eval.npz"))) preset["eval-data"] = rel(join("eval", "eval.npz"));
  io.logger.info(`Demo: comparing ${preset["base-model"]} with ${preset["pruned-model"]}`);
  return compareWith({ ...preset, ...args.inputs }, args.flags.json, io);
}
async function compareWith(inputs, json, io) {
  const values = cliInputValues(inputs, io.cwd);
  const { report, markdown, files } = await evaluate(values, { cwd: io.cwd, logger: io.logger, env: io.env });
  if (json) io.stdout(`${JSON.stringify(report, null, 2)}
`);
  else {
    io.stdout(`${markdown}
`);
    io.logger.info(
      `Wrote ${Object.values(files).map((f) => relative(io.cwd, f) || f).join(", ")}`
    );
  }
  if (!report.gate.passed && report.gate.enforced) {
    const failed = report.gate.checks.filter((c) => c.status === "fail");
    io.logger.error(`Gate failed: ${failed.map((c) => c.message).join("; ")}`);
    return ExitCode.gateFailed;
  }
  return ExitCode.ok;
}

// src/cli/track.ts
import { resolve as resolve2 } from "node:path";

// src/carbon/track.ts
import { randomUUID } from "node:crypto";
import os from "node:os";

// src/carbon/emissions-file.ts
import { mkdir, readFile, writeFile, appendFile } from "node:fs/promises";
import { dirname as dirname2 } from "node:path";
async function appendEmissionsCsv(path, rows, logger) {
  let existing;
  try {
    existing = await readFile(path, "utf8");
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  if (existing === void 0 || existing.trim() === "") {
    await mkdir(dirname2(path), { recursive: true });
    await writeFile(path, toEmissionsCsv(rows));
    return;
  }
  const header = readHeader(existing, path);
  const missing = CODECARBON_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    logger?.warn(`${path}: the file has no column ${missing.join(", ")}; appending without them.`);
  const separator = existing.endsWith("\n") ? "" : "\n";
  await appendFile(path, separator + toEmissionsCsvRows(rows, header));
}
function readHeader(text, path) {
  const records = parse(text.replace(/^\uFEFF/, ""), { to_line: 1, relax_column_count: true });
  const header = (records[0] ?? []).map((c) => c.trim());
  if (!header.includes("emissions")) {
    throw new UserError(
      `${path} exists but is not an emissions.csv (no "emissions" column). Choose another output path or move the file.`
    );
  }
  return header;
}

// src/carbon/track.ts
async function runTrack(command, options) {
  if (command.length === 0)
    throw new UserError(
      "track: give the command to run after --, e.g. carbon-delta track -- python train.py"
    );
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const logger = options.logger;
  const started = [];
  for (const meter of options.meters) {
    try {
      await meter.start();
      started.push(meter);
    } catch (error) {
      logger?.warn(`track: meter ${meter.id} did not start (${errorMessage(error)}); continuing without it.`);
    }
  }
  if (started.length === 0)
    logger?.warn("track: no power meter is running; the emissions row will show 0 energy.");
  const startedAt = now();
  const t0 = performance.now();
  const result = await execa(command[0], command.slice(1), { stdio: "inherit", reject: false });
  const durationS = (performance.now() - t0) / 1e3;
  const readings = [];
  for (const meter of started) {
    try {
      readings.push(await meter.stop());
    } catch (error) {
      logger?.warn(
        `track: meter ${meter.id} failed to stop (${errorMessage(error)}); its energy is left out.`
      );
    }
  }
  if (result.exitCode === void 0 && result.signal === void 0) {
    throw new UserError(
      `track: could not run "${command[0]}": ${result.shortMessage ?? errorMessage(result.cause)}`,
      {
        cause: result.cause
      }
    );
  }
  const [row] = emissionsRowsFromWindows(
    [
      {
        role: "track",
        durationS,
        energyJByDomain: mergeReadings(readings),
        timestamp: startedAt,
        runId: options.runId ?? randomUUID(),
        energyMethod: energyMethodOf(readings)
      }
    ],
    {
      intensity: options.intensity,
      projectName: options.projectName,
      location: options.location,
      machine: options.machine ?? hostMachine()
    }
  );
  await appendEmissionsCsv(options.outPath, [row], logger);
  logger?.info(
    `track: ${row.energy_consumed.toPrecision(3)} kWh, ${row.emissions.toPrecision(3)} kg CO2e \u2192 ${options.outPath}`
  );
  return { exitCode: exitCodeOf(result.exitCode, result.signal), row };
}
function mergeReadings(readings) {
  return readingsEnergyByDomain(readings);
}
function exitCodeOf(exitCode, signal) {
  if (exitCode !== void 0) return exitCode;
  const number = signal ? os.constants.signals[signal] : void 0;
  return number === void 0 ? 1 : 128 + number;
}
function hostMachine() {
  const cpus = os.cpus();
  return {
    os: `${os.type()}-${os.release()}-${os.arch()}`,
    cpuCount: cpus.length,
    cpuModel: cpus[0]?.model ?? "",
    ramTotalSizeGB: Math.round(os.totalmem() / 1024 ** 3 * 1e3) / 1e3
  };
}

// src/cli/track.ts
var USAGE2 = "Usage: carbon-delta track [--output-dir DIR] [meter and carbon options] -- <command> [args...]";
async function runTrackCommand(argv, io) {
  const split = argv.indexOf("--");
  const own = split === -1 ? argv : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(split + 1);
  const args = parseCliArgs(own, CLI_INPUTS);
  if (args.flags.help) {
    const groups = INPUT_GROUPS.filter(
      (g) => ["Energy meters", "Carbon, cost and lifetime"].includes(g.title)
    );
    io.stdout(
      `${helpText(USAGE2, [{ title: "Output", inputs: coreInputs.filter((d) => d.name === "output-dir") }, ...groups])}
`
    );
    return ExitCode.ok;
  }
  if (command.length === 0) {
    throw new UserError(`no command given. ${USAGE2}`, { input: "track" });
  }
  const values = cliInputValues(args.inputs, io.cwd);
  const power = readPowerOptions(values);
  const carbon = readCarbonOptions(values);
  const { intensity, warnings } = await resolveIntensity(carbon, { logger: io.logger });
  warnings.forEach((w) => io.logger.warn(w));
  const selection = await selectMeters(power, { env: io.env, logger: io.logger });
  try {
    const outPath = resolve2(io.cwd, String(values["output-dir"] ?? "carbon-delta-report"), "emissions.csv");
    const { exitCode } = await runTrack(command, {
      meters: selection.active,
      intensity,
      outPath,
      logger: io.logger,
      location: emissionsLocation(carbon)
    });
    return exitCode;
  } finally {
    await Promise.all(selection.active.map((m) => m.close().catch(() => void 0)));
  }
}

// src/cli/main.ts
var USAGE3 = `carbon-delta \u2014 did pruning really save compute, time, energy and carbon?

Usage:
  carbon-delta analyze <model.onnx> [--input NAME=D1xD2x...]... [--json]
  carbon-delta compare --base <model> --pruned <model> [--config FILE] [--input NAME=DIMS]...
                       [--out DIR] [--json] [--duration S] [--execution-provider cpu|cuda|...]
  carbon-delta demo     compare the bundled example models (no arguments needed)
  carbon-delta track [--output-dir DIR] -- <command> [args...]
                       run any command (e.g. a fine-tuning job) under the energy meters and
                       append a CodeCarbon-compatible emissions.csv; exits with the
                       command\u2019s exit code

Run \`carbon-delta <command> --help\` for every flag. Exit codes: 0 done (gate passed),
1 gate failed, 2 bad usage or input, 3 internal error.`;
async function runCli(argv, io) {
  const verbose = argv.includes("--verbose");
  const cli = {
    stdout: io?.stdout ?? ((text) => process.stdout.write(text)),
    logger: io?.logger ?? stderrLogger(verbose),
    cwd: io?.cwd ?? process.cwd(),
    env: io?.env ?? process.env
  };
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "analyze":
        return await runAnalyze(rest, cli);
      case "compare":
        return await runCompare(rest, cli);
      case "demo":
        return await runDemo(rest, cli);
      case "track":
        return await runTrackCommand(rest, cli);
      case void 0:
      case "help":
      case "--help":
      case "-h":
        cli.stdout(`${USAGE3}
`);
        return command === void 0 ? ExitCode.usage : ExitCode.ok;
      case "--version":
        cli.stdout(`${await toolVersion()}
`);
        return ExitCode.ok;
      default:
        cli.logger.error(
          `unknown command "${command}". Commands: analyze, compare, demo, track (see --help).`
        );
        return ExitCode.usage;
    }
  } catch (error) {
    if (isUserError(error)) {
      cli.logger.error(error.message);
      return ExitCode.usage;
    }
    cli.logger.error(
      `internal error \u2014 this is a bug in carbon-delta, please report it with the output below.
${error instanceof Error ? error.stack ?? error.message : String(error)}`
    );
    return ExitCode.internal;
  }
}
async function toolVersion() {
  const { TOOL_VERSION } = await import("./chunks/version-3QMAAOKN.js");
  return TOOL_VERSION;
}

// src/cli.ts
process.exitCode = await runCli(process.argv.slice(2));
