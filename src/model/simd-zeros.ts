/**
 * A tiny hand-assembled WebAssembly module that counts zero 32-bit words with 128-bit SIMD:
 * about 10× faster than the best JS loop, which is what lets the analyzer count 100M weights in
 * the time it takes to read them. Each instance owns a 4 MiB memory that serves as the read
 * buffer, so file chunks are read straight into it and counted in place (no copy).
 *
 * Equivalent WAT of the one function:
 *
 *   (func (export "zeros32") (param $p i32) (param $n i32) (param $mask i32) (result i32)
 *     ;; SIMD over n & ~3 words: acc -= i32x4.eq(v128.load(p) & splat(mask), 0)
 *     ;; then the lane sum, then a scalar loop over the last n & 3 words)
 *
 * Where WebAssembly SIMD is unavailable, `createSimdScanner` returns undefined and callers use JS.
 */
import { varint } from './varint.js';

/** Bytes of the read buffer each instance provides (64 pages). */
export const SIMD_BUFFER_BYTES = 4 << 20;

// prettier-ignore
const MODULE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x01, 0x7f, // type: (i32 i32 i32) -> i32
  0x03, 0x02, 0x01, 0x00, // function 0 has type 0
  0x05, 0x04, 0x01, 0x01, 0x41, 0x41, // memory: min 65 pages, max 65
  0x07, 0x11, 0x02, // exports: 2
  0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, // "mem" memory 0
  0x07, 0x7a, 0x65, 0x72, 0x6f, 0x73, 0x33, 0x32, 0x00, 0x00, // "zeros32" func 0
  0x0a, 0x00, // code section, size patched below
]);

// prettier-ignore
const BODY = [
  0x02, 0x02, 0x7f, 0x03, 0x7b, // locals: 2 × i32 (3 end, 4 z), 3 × v128 (5 acc, 6 m, 7 zero)
  0x20, 0x00, 0x20, 0x01, 0x41, 0x7c, 0x71, 0x41, 0x02, 0x74, 0x6a, 0x21, 0x03, // end = p + ((n & -4) << 2)
  0x20, 0x02, 0xfd, 0x11, 0x21, 0x06, // m = i32x4.splat(mask)
  0x41, 0x00, 0xfd, 0x11, 0x21, 0x07, // zero = i32x4.splat(0)
  0x02, 0x40, 0x03, 0x40, // block, loop
  0x20, 0x00, 0x20, 0x03, 0x4f, 0x0d, 0x01, // if p >= end: break
  0x20, 0x05, // acc
  0x20, 0x00, 0xfd, 0x00, 0x00, 0x00, // v128.load p
  0x20, 0x06, 0xfd, 0x4e, // v128.and m
  0x20, 0x07, 0xfd, 0x37, // i32x4.eq zero (-1 per zero lane)
  0xfd, 0xb1, 0x01, 0x21, 0x05, // acc = i32x4.sub(acc, eq)
  0x20, 0x00, 0x41, 0x10, 0x6a, 0x21, 0x00, // p += 16
  0x0c, 0x00, 0x0b, 0x0b, // continue; end loop, end block
  0x20, 0x05, 0xfd, 0x1b, 0x00, // z = lane 0
  0x20, 0x05, 0xfd, 0x1b, 0x01, 0x6a, // + lane 1
  0x20, 0x05, 0xfd, 0x1b, 0x02, 0x6a, // + lane 2
  0x20, 0x05, 0xfd, 0x1b, 0x03, 0x6a, 0x21, 0x04, // + lane 3
  0x20, 0x03, 0x20, 0x01, 0x41, 0x03, 0x71, 0x41, 0x02, 0x74, 0x6a, 0x21, 0x03, // end += (n & 3) << 2
  0x02, 0x40, 0x03, 0x40, // block, loop
  0x20, 0x00, 0x20, 0x03, 0x4f, 0x0d, 0x01, // if p >= end: break
  0x20, 0x00, 0x28, 0x00, 0x00, 0x20, 0x02, 0x71, 0x45, // (i32.load p & mask) == 0
  0x20, 0x04, 0x6a, 0x21, 0x04, // z += that
  0x20, 0x00, 0x41, 0x04, 0x6a, 0x21, 0x00, // p += 4
  0x0c, 0x00, 0x0b, 0x0b, // continue; end loop, end block
  0x20, 0x04, 0x0b, // return z
];

/** The module: header sections plus the code section (function count 1, sized body). */
export function moduleBytes(): Uint8Array {
  const section = [0x01, ...varint(BODY.length), ...BODY];
  return Uint8Array.from([...MODULE.subarray(0, MODULE.length - 1), ...varint(section.length), ...section]);
}

/** The part of the WebAssembly API used here (the project's TS lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;
const owners = new WeakMap<ArrayBufferLike, SimdScanner>();

/** The scanner whose memory holds `buffer`, if any (its chunks are counted in place). */
export function scannerOf(buffer: ArrayBufferLike): SimdScanner | undefined {
  return owners.get(buffer);
}

export interface SimdScanner {
  /** A 4 MiB buffer inside the module's memory: read file chunks into it. */
  buffer: Uint8Array;
  /** Zero words ((w & mask) === 0) among `count` 32-bit words at `buffer[offset]` (any alignment). */
  zeros32(offset: number, count: number, mask: number): number;
}

/** A fresh scanner with its own memory, or undefined when WebAssembly SIMD is unavailable. */
export function createSimdScanner(): SimdScanner | undefined {
  if (compiled === undefined) {
    try {
      compiled = wasm ? new wasm.Module(moduleBytes()) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return undefined;
  const instance = new wasm!.Instance(compiled);
  const exports = instance.exports as {
    mem: { buffer: ArrayBuffer };
    zeros32: (p: number, n: number, m: number) => number;
  };
  const scanner: SimdScanner = {
    buffer: new Uint8Array(exports.mem.buffer, 0, SIMD_BUFFER_BYTES),
    zeros32: (offset, count, mask) => exports.zeros32(offset, count, mask | 0) >>> 0,
  };
  owners.set(exports.mem.buffer, scanner);
  return scanner;
}
