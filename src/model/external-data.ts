/**
 * External tensor data (`data_location: EXTERNAL`): `location` is a file relative to the model's
 * folder, `offset`/`length` a byte range in it. Ranges are read in fixed-size chunks through one
 * reused buffer, so a model with tens of GB of weights is scanned in constant memory.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { TensorProto } from './onnx-proto.js';
import { createSimdScanner } from './simd-zeros.js';

/** Chunk size for range reads: a multiple of every element width. */
export const CHUNK_BYTES = 16 << 20;

export interface ExternalRef {
  /** Absolute path of the data file. */
  file: string;
  /** `location` as written in the model. */
  location: string;
  offset: number;
  /** Byte length, or -1 for "to the end of the file". */
  length: number;
}

/** Where an external tensor lives; throws UserError when the entry is malformed. */
export function externalRef(modelPath: string, tensor: TensorProto): ExternalRef {
  const entries = new Map((tensor.externalData ?? []).map((e) => [e.key ?? '', e.value ?? '']));
  const location = entries.get('location');
  if (!location) {
    throw new UserError(
      `model ${modelPath}: tensor '${tensor.name}' is stored as external data but names no location. Re-export the model with its external data.`,
    );
  }
  const offset = Number(entries.get('offset') ?? '0');
  const length = entries.has('length') ? Number(entries.get('length')) : -1;
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length)) {
    throw new UserError(
      `model ${modelPath}: tensor '${tensor.name}' has a bad external data range (offset ${entries.get('offset')}, length ${entries.get('length')}).`,
    );
  }
  return { file: path.resolve(path.dirname(modelPath), location), location, offset, length };
}

/** Open data files of one model, with one reusable chunk buffer. */
export class ExternalDataReader {
  private readonly handles = new Map<string, Promise<{ handle: FileHandle; size: number }>>();
  private chunk: Uint8Array | undefined;

  constructor(private readonly modelPath: string) {}

  /** Size of a data file, failing with a UserError when it is missing. */
  async fileSize(ref: ExternalRef): Promise<number> {
    return (await this.openFile(ref)).size;
  }

  /**
   * Calls `visit` with consecutive chunks of `bytes` bytes starting at the tensor's offset. The
   * chunk is a view into a reused buffer: valid only during the call.
   */
  async readRange(ref: ExternalRef, bytes: number, visit: (chunk: Uint8Array) => void): Promise<void> {
    const { handle, size } = await this.openFile(ref);
    if (ref.offset + bytes > size) {
      throw new UserError(
        `model ${this.modelPath}: external data file ${ref.location} holds ${size} bytes, but a tensor needs bytes ${ref.offset}..${ref.offset + bytes}. The data file is truncated or belongs to another model.`,
      );
    }
    // Chunks are read into SIMD memory when available, so float32 data is counted in place.
    this.chunk ??= createSimdScanner()?.buffer ?? new Uint8Array(CHUNK_BYTES);
    for (let done = 0; done < bytes;) {
      const want = Math.min(this.chunk.length, bytes - done);
      let got = 0;
      while (got < want) {
        const { bytesRead } = await handle.read(this.chunk, got, want - got, ref.offset + done + got);
        if (bytesRead === 0)
          throw new UserError(`model ${this.modelPath}: unexpected end of ${ref.location}`);
        got += bytesRead;
      }
      visit(this.chunk.subarray(0, want));
      done += want;
    }
  }

  async close(): Promise<void> {
    for (const opened of this.handles.values())
      await opened.then((o) => o.handle.close()).catch(() => undefined);
    this.handles.clear();
  }

  private openFile(ref: ExternalRef): Promise<{ handle: FileHandle; size: number }> {
    let opened = this.handles.get(ref.file);
    if (!opened) {
      opened = (async () => {
        try {
          const handle = await open(ref.file, 'r');
          return { handle, size: (await handle.stat()).size };
        } catch (error) {
          throw new UserError(
            `model ${this.modelPath}: cannot read its external data file ${ref.location} (looked for ${ref.file}): ${(error as NodeJS.ErrnoException).code ?? error}. Keep the data file next to the model.`,
            { cause: error },
          );
        }
      })();
      this.handles.set(ref.file, opened);
    }
    return opened;
  }
}

/** Reads a small external range synchronously (constant values for shape inference). */
export function readExternalSync(modelPath: string, ref: ExternalRef, bytes: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(ref.file, 'r');
  } catch (error) {
    throw new UserError(
      `model ${modelPath}: cannot read its external data file ${ref.location} (looked for ${ref.file}). Keep the data file next to the model.`,
      { cause: error },
    );
  }
  try {
    const out = new Uint8Array(bytes);
    const got = readSync(fd, out, 0, bytes, ref.offset);
    if (got < bytes) {
      throw new UserError(
        `model ${modelPath}: external data file ${ref.location} holds ${ref.offset + got} bytes, but a tensor needs bytes ${ref.offset}..${ref.offset + bytes}. The data file is truncated or belongs to another model.`,
      );
    }
    return out;
  } finally {
    closeSync(fd);
  }
}
