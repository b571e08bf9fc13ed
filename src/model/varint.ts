/**
 * Unsigned LEB128 / protobuf varint encoding (7 bits a byte, low bits first). Used to write
 * protobuf field headers and the tiny WebAssembly module. Exact for n < 2^53.
 */
export function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}
