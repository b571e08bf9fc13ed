/**
 * Loads onnxruntime-node. It stays outside the bundle (native binaries keep their layout), so the
 * action resolves it at run time: see `resolveOrt` in ./resolve.ts for the full order
 * (own node_modules → tool cache → pinned npm install). Everything else takes the module from here.
 */
import type * as Ort from 'onnxruntime-node';

export type OrtModule = typeof Ort;

let cached: Promise<OrtModule> | undefined;
let override: (() => Promise<OrtModule>) | undefined;
let overrideUrl: string | undefined;

/**
 * Set how the module is found (the action calls this after resolving the install location).
 * `url` is the module's entry file, for child processes that must load the same copy.
 */
export function setOrtLoader(loader: () => Promise<OrtModule>, url?: string): void {
  override = loader;
  overrideUrl = url;
  cached = undefined;
}

/** The file URL of the onnxruntime-node in use (for child processes), or null when unknown. */
export function ortModuleUrl(): string | null {
  if (overrideUrl) return overrideUrl;
  try {
    return import.meta.resolve('onnxruntime-node');
  } catch {
    return null;
  }
}

/** The onnxruntime-node module, loaded once. */
export function loadOrt(): Promise<OrtModule> {
  cached ??= override ? override() : import('onnxruntime-node');
  return cached;
}
