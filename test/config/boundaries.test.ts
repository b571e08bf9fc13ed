import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const sources = (readdirSync(join(root, 'src'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(root, 'src', f));

describe('the house rules', () => {
  it('only the action adapter and src/github/ mention @actions/*', () => {
    const users = sources
      .filter((f) => readFileSync(f, 'utf8').includes('@actions/'))
      .map((f) => relative(root, f).split('\\').join('/'));
    expect(users.length).toBeGreaterThan(0);
    for (const file of users) expect(file, file).toMatch(/^src\/(action\.ts|github\/)/);
  });

  it('keeps onnxruntime-node out of static imports outside the runtime seam', () => {
    const offenders = sources.filter((f) =>
      /^import (?!type)[^;]*from 'onnxruntime-node'/m.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
