/** Runs a program (no shell) and collects its exit code and output; used for the tool-cache install. */
import { execFile } from 'node:child_process';
import type { ExecFn } from './resolve.js';

export const execCollect: ExecFn = (file, args, options) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // A spawn failure (ENOENT) has a string code; a non-zero exit has a numeric one.
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ exitCode: error ? Number(error.code) : 0, output: `${stdout}\n${stderr}` });
    });
  });
