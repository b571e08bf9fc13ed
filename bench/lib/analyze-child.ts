/**
 * Runs analyzeModel once on argv[2] in its own process and prints one JSON line: wall time of the
 * analysis and the process's peak RSS (so the parent can check memory without its own noise).
 */
import { analyzeModel } from '../../src/model/analyze.js';

const file = process.argv[2];
const baselineRssBytes = process.resourceUsage().maxRSS * 1024;
const start = performance.now();
const a = await analyzeModel(file);
const wallMs = performance.now() - start;
process.stdout.write(
  `${JSON.stringify({
    wallMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    baselineRssBytes,
    params: a.parameters.total,
    nonzero: a.parameters.nonzero,
    macsDense: a.macs.dense,
    macsSparse: a.macs.sparse,
    externalDataBytes: a.model.externalDataBytes,
  })}\n`,
);
