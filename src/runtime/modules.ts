/**
 * Native packages (onnxruntime-node, koffi) are not bundled. They are imported from our own
 * node_modules when present, else from folders registered at run time (the tool-cache install).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const extraDirs: string[] = [];

/** Add a folder holding a `node_modules/` to search after the normal resolution. */
export function registerModuleDir(dir: string): void {
  if (!extraDirs.includes(dir)) extraDirs.unshift(dir);
}

/** The file URL of `name`'s entry as resolved from a folder that contains `node_modules/<name>`. */
export function resolveFrom(dir: string, name: string): string {
  const require = createRequire(join(dir, 'package.json'));
  return pathToFileURL(require.resolve(name)).href;
}

/** Import `name` from a folder that contains `node_modules/<name>`. */
export async function importFrom<T>(dir: string, name: string): Promise<T> {
  return (await import(resolveFrom(dir, name))) as T;
}

/** Import a native package: normal resolution first, then the registered folders; null when absent. */
export async function importOptional<T>(name: string): Promise<T | null> {
  try {
    return (await import(name)) as T;
  } catch {
    for (const dir of extraDirs) {
      try {
        return await importFrom<T>(dir, name);
      } catch {
        // try the next folder
      }
    }
    return null;
  }
}
