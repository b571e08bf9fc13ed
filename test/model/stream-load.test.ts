/**
 * Large initializers (raw_data over the streaming threshold) are counted while the file is read
 * and re-read by range only when needed (quantized zero points, data type written after the data).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { analyzeModel } from '../../src/model/analyze.js';
import { DataType, encodeModel } from '../../src/model/onnx-proto.js';
import { STREAM_THRESHOLD_BYTES } from '../../src/model/stream-load.js';
import { GraphBuilder, rawBytes, ramp, tempDir } from './helpers/graph-builder.js';

const ROWS = 300;
const COLS = 256; // 300·256 float32 = 300 KiB, int8 = 75 KiB: both above the threshold

describe('streamed initializers', () => {
  it('counts a large float32 weight while reading and keeps MACs exact', async () => {
    expect(ROWS * COLS).toBeGreaterThan(STREAM_THRESHOLD_BYTES);
    const g = new GraphBuilder()
      .input('x', [2, COLS])
      .init(
        'w',
        [ROWS, COLS],
        ramp(ROWS * COLS, (i) => i % 4 === 0),
      )
      .node('Gemm', ['x', 'w'], ['y'], { transB: 1 });
    const a = await analyzeModel(g.write());
    expect(a.parameters).toMatchObject({ total: ROWS * COLS, nonzero: (ROWS * COLS * 3) / 4 });
    expect(a.macs).toMatchObject({ dense: 2 * ROWS * COLS, sparse: (2 * ROWS * COLS * 3) / 4 });
    expect(a.model.externalDataBytes).toBe(0);
  });

  it('re-reads a large int8 weight by range to compare it with its zero point', async () => {
    const zp = 3;
    const q = Array.from({ length: ROWS * COLS }, (_, i) => (i % 5 === 0 ? zp : i % 5 < 3 ? 0 : 7));
    const g = new GraphBuilder()
      .input('x', [1, COLS])
      .init('wq', [ROWS, COLS], q, DataType.INT8)
      .init('ws', [], [0.5])
      .init('wz', [], [zp], DataType.INT8)
      .node('DequantizeLinear', ['wq', 'ws', 'wz'], ['w'])
      .node('Gemm', ['x', 'w'], ['y'], { transB: 1 });
    const a = await analyzeModel(g.write());
    const n = ROWS * COLS;
    // Stored zeros (2 in 5) are zero parameters; weights equal to the zero point (1 in 5) dequantize to 0.
    // The int8 counts include the zero-point scalar (3, nonzero).
    expect(a.parameters.byDtype.int8).toEqual({ total: n + 1, nonzero: (3 * n) / 5 + 1, bytes: n + 1 });
    expect(a.macs).toMatchObject({ dense: n, sparse: n - n / 5 });
  });

  it('streams a large float_data typed field like raw data', async () => {
    const n = ROWS * COLS;
    const g = new GraphBuilder().input('x', [1, COLS]).node('Gemm', ['x', 'w'], ['y'], { transB: 1 });
    g.initializers.push({
      name: 'w',
      dims: [ROWS, COLS],
      dataType: DataType.FLOAT,
      floatData: ramp(n, (i) => i % 3 === 0),
    });
    const a = await analyzeModel(g.write());
    expect(a.parameters).toMatchObject({ total: n, nonzero: (2 * n) / 3, weightBytes: 4 * n });
    expect(a.macs).toMatchObject({ dense: n, sparse: (2 * n) / 3 });
  });

  it('counts a large tensor whose data_type is written after its data', async () => {
    const n = ROWS * COLS;
    const values = ramp(n, (i) => i % 2 === 0);
    const data = rawBytes(DataType.FLOAT, values);
    const field = (tag: number, body: Uint8Array) => [...varint(tag), ...varint(body.length), ...body];
    const dims = Uint8Array.from([...varint(ROWS), ...varint(COLS)]);
    const tensorBytes = Uint8Array.from([
      ...field(0x0a, dims),
      ...field(0x42, new TextEncoder().encode('w')),
      ...field(0x4a, data),
      0x10,
      DataType.FLOAT,
    ]);
    const graph = new GraphBuilder()
      .input('x', [1, COLS])
      .node('Gemm', ['x', 'w'], ['y'], { transB: 1 })
      .build();
    const head = encodeModel({ ...graph, graph: undefined });
    const graphOnly = encodeModel({ graph: graph.graph });
    const graphBody = graphOnly.subarray(1 + varint(graphOnly.length - 1).length).slice();
    const body = Uint8Array.from([...graphBody, ...field(0x2a, tensorBytes)]);
    const file = path.join(tempDir(), 'late-type.onnx');
    writeFileSync(file, Uint8Array.from([...head, ...field(0x3a, body)]));
    const a = await analyzeModel(file);
    expect(a.parameters).toMatchObject({ total: n, nonzero: n / 2 });
    expect(a.macs).toMatchObject({ dense: n, sparse: n / 2 });
  });

  it('a file cut inside a large tensor is a UserError naming the file', async () => {
    const g = new GraphBuilder()
      .input('x', [1, COLS])
      .init('w', [ROWS, COLS])
      .node('Gemm', ['x', 'w'], ['y'], { transB: 1 });
    const file = g.write();
    const bytes = readFileSync(file);
    const cut = path.join(path.dirname(file), 'cut.onnx');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await analyzeModel(cut).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /cut\.onnx is not a valid ONNX file \(a field at byte \d+ needs \d+ bytes, but the file ends at \d+\)/,
    );
  });
});

/** A varint, for bytes whose length prefix must be computed (a graph body larger than 127 bytes). */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
