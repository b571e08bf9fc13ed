/**
 * Reads the entries of a ZIP archive (what `.npz` files are): stored or deflated entries, found
 * through the central directory (PKWARE APPNOTE 6.3). Inflate uses node:zlib; no ZIP64.
 */
import { inflateRawSync } from 'node:zlib';

/** Entry name → uncompressed bytes. Throws `Error` with a plain reason. */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a ZIP/.npz archive (no end of central directory)');
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map<string, Uint8Array>();
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw new Error('corrupt ZIP central directory');
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff)
      throw new Error(`${name}: ZIP64 entries are not supported`);
    const dataStart =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) files.set(name, raw);
    else if (method === 8) files.set(name, new Uint8Array(inflateRawSync(raw)));
    else throw new Error(`${name}: unsupported ZIP compression method ${method}`);
    if (files.get(name)!.length !== size) throw new Error(`${name}: size mismatch in ZIP entry`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
