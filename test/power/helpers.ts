/** Shared test helpers: the fixtures folder on PATH. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/power');

/** An environment with the fake tools first on PATH, plus `extra` (e.g. FAKE_SMI_* modes). */
export function fakeEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${FIXTURES}${path.delimiter}${process.env.PATH ?? ''}`,
  };
  delete env.CUDA_VISIBLE_DEVICES;
  return { ...env, ...extra };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
