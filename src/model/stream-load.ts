/**
 * Reads an ONNX file once, front to back, through one 4 MiB buffer, like `cat`.
 *
 * Large initializer payloads (`raw_data`, packed `float_data`/`double_data`, over 64 KiB) are counted for nonzero values as they
 * stream past and are not kept; everything else (nodes, shapes, small tensors) is copied into a
 * "skeleton" ModelProto that protobufjs decodes. In the skeleton, each streamed tensor points
 * back at its byte range in the model file as external data, so later reads (quantized weights
 * compared with their zero point) work like any external tensor.
 *
 * Why not read the whole file and decode it: a 400 MB buffer costs 400 MB of RSS and, on
 * virtual machines, more time in page faults than the read itself.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { dtypeBits, zeroKind } from './dtypes.js';
import { countNonzeroBytes } from './nonzero.js';
import { DataType } from './onnx-proto.js';
import { createSimdScanner, SIMD_BUFFER_BYTES } from './simd-zeros.js';
import { varint } from './varint.js';

/** raw_data larger than this is streamed and counted instead of kept. */
export const STREAM_THRESHOLD_BYTES = 64 * 1024;

export interface Skeleton {
  /** Serialized ModelProto without the large payloads. */
  bytes: Uint8Array;
  /** Nonzero counts of streamed initializers, by name. */
  nonzero: Map<string, number>;
}

class MalformedError extends Error {}

const lengthDelimited = (field: number, body: Uint8Array): Uint8Array[] => [
  Uint8Array.from([...varint((field << 3) | 2), ...varint(body.length)]),
  body,
];

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Forward-only reader over a file descriptor with one reused buffer. */
class Cursor {
  private start = 0;
  private end = 0;
  pos = 0;

  constructor(
    private readonly fd: number,
    readonly size: number,
    private readonly buf: Uint8Array,
  ) {}

  /** Makes [pos, pos + need) available in the buffer (need ≤ buffer size). */
  private fill(need: number): void {
    if (this.pos >= this.start && this.pos + need <= this.end) return;
    if (this.pos + need > this.size) {
      throw new MalformedError(
        `a field at byte ${this.pos} needs ${need} bytes, but the file ends at ${this.size}`,
      );
    }
    const keep = Math.max(0, this.end - this.pos);
    if (keep > 0) this.buf.copyWithin(0, this.pos - this.start, this.end - this.start);
    this.start = this.pos;
    this.end = this.pos + keep;
    while (this.end - this.start < need) {
      const want = Math.min(this.buf.length - (this.end - this.start), this.size - this.end);
      const got = readSync(this.fd, this.buf, this.end - this.start, want, this.end);
      if (got <= 0) throw new MalformedError(`unexpected end of file at byte ${this.end}`);
      this.end += got;
    }
  }

  byte(): number {
    this.fill(1);
    return this.buf[this.pos++ - this.start];
  }

  /** A varint's value (exact to 2^53) and its raw bytes. */
  varint(): { value: number; raw: number[] } {
    const raw: number[] = [];
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      raw.push(b);
      value += (b & 0x7f) * scale;
      scale *= 128;
      if (!(b & 0x80)) break;
      if (raw.length >= 10) throw new MalformedError(`bad varint at byte ${this.pos}`);
    }
    return { value, raw };
  }

  /** A copy of the next `n` bytes. */
  take(n: number): Uint8Array {
    if (this.pos + n > this.size) {
      throw new MalformedError(
        `a field at byte ${this.pos} needs ${n} bytes, but the file ends at ${this.size}`,
      );
    }
    const out = new Uint8Array(n);
    for (let at = 0; at < n;) {
      const step = Math.min(n - at, this.buf.length);
      this.fill(step);
      out.set(this.buf.subarray(this.pos - this.start, this.pos - this.start + step), at);
      this.pos += step;
      at += step;
    }
    return out;
  }

  skip(n: number): void {
    if (this.pos + n > this.size) {
      throw new MalformedError(
        `a field at byte ${this.pos} needs ${n} bytes, but the file ends at ${this.size}`,
      );
    }
    this.pos += n;
  }

  /** Passes the next `n` bytes to `visit` in pieces; every piece but the last is a multiple of 8 bytes. */
  stream(n: number, visit: (piece: Uint8Array) => void): void {
    let remaining = n;
    while (remaining > 0) {
      this.fill(Math.min(remaining, this.buf.length));
      let piece = Math.min(this.end - this.pos, remaining);
      if (piece < remaining) piece -= piece % 8;
      const at = this.pos - this.start;
      visit(this.buf.subarray(at, at + piece));
      this.pos += piece;
      remaining -= piece;
    }
  }
}

/** Reads `modelPath` into a skeleton; throws UserError when the file is not a well-formed protobuf. */
export function readSkeleton(modelPath: string): Skeleton {
  const fd = openSync(modelPath, 'r');
  try {
    const scanner = createSimdScanner();
    const buf = scanner?.buffer ?? new Uint8Array(SIMD_BUFFER_BYTES);
    const cursor = new Cursor(fd, fstatSync(fd).size, buf);
    const nonzero = new Map<string, number>();
    const self = path.basename(modelPath);
    return { bytes: parseMessage(cursor, cursor.size, { self, nonzero, level: 'model' }), nonzero };
  } catch (error) {
    if (!(error instanceof MalformedError)) throw error;
    throw new UserError(
      `model ${modelPath} is not a valid ONNX file (${error.message}). The file may be truncated, or not an ONNX model (a Git LFS pointer, a PyTorch checkpoint?).`,
      { cause: error },
    );
  } finally {
    closeSync(fd);
  }
}

interface ParseState {
  self: string;
  nonzero: Map<string, number>;
  level: 'model' | 'graph';
}

/** Copies one message's fields, descending into ModelProto.graph (7) and GraphProto.initializer (5). */
function parseMessage(c: Cursor, end: number, state: ParseState): Uint8Array {
  const parts: Uint8Array[] = [];
  while (c.pos < end) {
    const tag = c.varint();
    const field = Math.floor(tag.value / 8);
    const wire = tag.value & 7;
    if (
      wire === 2 &&
      ((state.level === 'model' && field === 7) || (state.level === 'graph' && field === 5))
    ) {
      const len = c.varint().value;
      const body =
        field === 7
          ? parseMessage(c, c.pos + len, { ...state, level: 'graph' })
          : parseTensor(c, c.pos + len, state);
      parts.push(...lengthDelimited(field, body));
      continue;
    }
    parts.push(Uint8Array.from(tag.raw), copyValue(c, wire));
  }
  if (c.pos !== end) throw new MalformedError(`a message overruns its length at byte ${c.pos}`);
  return concat(parts);
}

function copyValue(c: Cursor, wire: number): Uint8Array {
  switch (wire) {
    case 0:
      return Uint8Array.from(c.varint().raw);
    case 1:
      return c.take(8);
    case 5:
      return c.take(4);
    case 2: {
      const len = c.varint();
      return concat([Uint8Array.from(len.raw), c.take(len.value)]);
    }
    default:
      throw new MalformedError(`invalid protobuf wire type ${wire} at byte ${c.pos}`);
  }
}

/** A TensorProto: a large raw_data is counted while streamed and replaced by a range reference. */
function parseTensor(c: Cursor, end: number, state: ParseState): Uint8Array {
  const parts: Uint8Array[] = [];
  let dataType: number | undefined;
  let name = '';
  let streamed: { offset: number; length: number; nonzero?: number } | undefined;
  while (c.pos < end) {
    const tag = c.varint();
    const field = Math.floor(tag.value / 8);
    const wire = tag.value & 7;
    // raw_data (9), and the packed float_data (4) and double_data (10), whose bytes are laid out
    // exactly like raw little-endian data.
    if ((field === 9 || field === 4 || field === 10) && wire === 2) {
      const len = c.varint().value;
      if (len > STREAM_THRESHOLD_BYTES) {
        streamed = { offset: c.pos, length: len };
        const storedType = field === 4 ? DataType.FLOAT : field === 10 ? DataType.DOUBLE : dataType;
        const kind = zeroKind(storedType);
        if (kind) {
          const bits = dtypeBits(storedType);
          let nz = 0;
          c.stream(
            len,
            (piece) => (nz += countNonzeroBytes(piece, kind, Math.floor((piece.length * 8) / bits))),
          );
          streamed.nonzero = nz;
        } else {
          c.skip(len); // type not seen yet: counted later through the range reference
        }
        continue;
      }
      parts.push(Uint8Array.from(tag.raw), Uint8Array.from(varint(len)), c.take(len));
      continue;
    }
    const value = copyValue(c, wire);
    if (field === 2 && wire === 0) dataType = decodeVarint(value);
    if (field === 8 && wire === 2)
      name = new TextDecoder().decode(value.subarray(value.length - lengthOfBody(value)));
    parts.push(Uint8Array.from(tag.raw), value);
  }
  if (c.pos !== end) throw new MalformedError(`a tensor overruns its length at byte ${c.pos}`);
  if (streamed) {
    const entry = (key: string, value: string) =>
      lengthDelimited(13, concat([...lengthDelimited(1, utf8(key)), ...lengthDelimited(2, utf8(value))]));
    parts.push(
      ...entry('location', state.self),
      ...entry('offset', String(streamed.offset)),
      ...entry('length', String(streamed.length)),
      Uint8Array.from([0x70, 1]), // data_location = EXTERNAL
    );
    if (streamed.nonzero !== undefined) state.nonzero.set(name, streamed.nonzero);
  }
  return concat(parts);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

function decodeVarint(bytes: Uint8Array): number {
  let value = 0;
  let scale = 1;
  for (const b of bytes) {
    value += (b & 0x7f) * scale;
    scale *= 128;
  }
  return value;
}

/** Length of the body of a copied length-delimited value (its varint prefix removed). */
function lengthOfBody(value: Uint8Array): number {
  let i = 0;
  while (value[i] & 0x80) i++;
  return value.length - (i + 1);
}
