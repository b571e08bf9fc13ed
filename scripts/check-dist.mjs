// Fails when the committed dist/ differs from a fresh build (CI runs this).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const fresh = mkdtempSync(join(tmpdir(), 'carbon-delta-dist-'));
try {
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', fresh], { stdio: 'inherit' });
  const list = (dir) =>
    readdirSync(dir, { recursive: true })
      .map((p) => join(dir, String(p)))
      .filter((p) => statSync(p).isFile())
      .map((p) => relative(dir, p))
      .sort();
  const committed = list('dist');
  const built = list(fresh);
  const problems = [];
  for (const file of new Set([...committed, ...built])) {
    if (!committed.includes(file)) problems.push(`missing in dist/: ${file}`);
    else if (!built.includes(file)) problems.push(`stale file in dist/: ${file}`);
    else if (!readFileSync(join('dist', file)).equals(readFileSync(join(fresh, file))))
      problems.push(`differs: dist/${file}`);
  }
  if (problems.length > 0) {
    console.error(
      `dist/ is not up to date with src/. Run \`npm run build\` and commit dist/.\n  ${problems.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`dist/ is up to date (${committed.length} files).`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
