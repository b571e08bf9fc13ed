#!/usr/bin/env node
/** The `carbon-delta` command: analyze, compare, demo, track. One top-level catch maps errors to exit codes. */
import { runCli } from './cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
