/**
 * Writes a large ONNX model (a stack of Gemm+Relu layers) without ever holding its weights in
 * memory: the protobuf framing is written by hand and each weight's bytes are streamed in
 * chunks, either inside the .onnx file (raw_data) or into an external data file.
 */
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DataType, encodeModel, type NodeProto } from '../../src/model/onnx-proto.js';
import { varint } from '../../src/model/varint.js';

export interface StackSpec {
  layers: number;
  /** Square layers: each weight is [width, width]. */
  width: number;
  /** Fraction of weights that are exactly zero (spread evenly). */
  zeroFraction: number;
  /** Write weights to `<model>.data` instead of raw_data. */
  external: boolean;
}

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const field = (tag: number, body: number[]) => [tag, ...varint(body.length), ...body];

/** TensorProto fields before the data: dims (1, packed), data_type (2), name (8), plus external entries. */
function tensorHeader(
  name: string,
  dims: number[],
  external?: { location: string; offset: number; length: number },
): number[] {
  const out = [
    ...field(0x0a, dims.flatMap(varint)),
    0x10,
    ...varint(DataType.FLOAT),
    ...field(0x42, utf8(name)),
  ];
  if (external) {
    for (const [key, value] of [
      ['location', external.location],
      ['offset', String(external.offset)],
      ['length', String(external.length)],
    ]) {
      out.push(...field(0x6a, [...field(0x0a, utf8(key)), ...field(0x12, utf8(value))]));
    }
    out.push(0x70, 1); // data_location = EXTERNAL
  }
  return out;
}

/** One chunk of float32 weights with `zeroFraction` zeros, reused for every write. */
function weightChunk(elements: number, zeroFraction: number): Uint8Array {
  const values = new Float32Array(elements);
  const every = zeroFraction > 0 ? Math.round(1 / zeroFraction) : 0;
  for (let i = 0; i < elements; i++)
    values[i] = every && i % every === 0 ? 0 : ((i % 997) - 498) / 1000 || 0.25;
  return new Uint8Array(values.buffer);
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length;)
    done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
}

/** Writes the model; returns the files written and the expected counts. */
export async function writeGemmStack(
  file: string,
  spec: StackSpec,
): Promise<{ files: string[]; params: number; nonzero: number }> {
  const { layers, width } = spec;
  const nodes: NodeProto[] = [];
  for (let l = 0; l < layers; l++) {
    const x = l === 0 ? 'x' : `r${l - 1}`;
    nodes.push({
      name: `gemm${l}`,
      opType: 'Gemm',
      input: [x, `w${l}`],
      output: [`h${l}`],
      attribute: [{ name: 'transB', type: 2, i: 1 }],
    });
    nodes.push({ name: `relu${l}`, opType: 'Relu', input: [`h${l}`], output: [`r${l}`] });
  }
  const shape = (dims: (number | string)[]) => ({
    dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
  });
  // Field order does not matter in protobuf: the model's scalar fields first, then one graph
  // field (7) whose body is the encoded nodes/inputs/outputs followed by the initializers.
  const prefix = encodeModel({
    irVersion: 8,
    producerName: 'carbon-delta-bench',
    opsetImport: [{ domain: '', version: 17 }],
  });
  const graphOnly = encodeModel({
    graph: {
      name: 'gemm-stack',
      node: nodes,
      input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: shape(['batch', width]) } } }],
      output: [
        { name: `r${layers - 1}`, type: { tensorType: { elemType: 1, shape: shape(['batch', width]) } } },
      ],
    },
  });
  const graphBody = graphOnly.subarray(graphOnly.length - graphBodyLength(graphOnly));

  const dataBytes = width * width * 4;
  const chunkElements = 1 << 20;
  const chunk = weightChunk(chunkElements, spec.zeroFraction);
  const dataFile = `${file}.data`;
  const initializers = Array.from({ length: layers }, (_, l) => {
    const header = tensorHeader(
      `w${l}`,
      [width, width],
      spec.external
        ? { location: path.basename(dataFile), offset: l * dataBytes, length: dataBytes }
        : undefined,
    );
    const dataField = spec.external ? [] : [0x4a, ...varint(dataBytes)];
    const tensorLength = header.length + dataField.length + (spec.external ? 0 : dataBytes);
    return { open: [0x2a, ...varint(tensorLength), ...header, ...dataField], tensorLength };
  });
  const graphLength =
    graphBody.length + initializers.reduce((a, i) => a + i.open.length + (spec.external ? 0 : dataBytes), 0);

  const out = await open(file, 'w');
  const data = spec.external ? await open(dataFile, 'w') : out;
  try {
    await writeAll(out, prefix);
    await writeAll(out, Uint8Array.from([0x3a, ...varint(graphLength)]));
    await writeAll(out, graphBody);
    for (const init of initializers) {
      await writeAll(out, Uint8Array.from(init.open));
      for (let done = 0; done < dataBytes; done += chunk.length)
        await writeAll(data, chunk.subarray(0, Math.min(chunk.length, dataBytes - done)));
    }
  } finally {
    await out.close();
    if (data !== out) await data.close();
  }
  const perLayerZeros = zerosIn(width * width, chunkElements, spec.zeroFraction);
  const params = layers * width * width;
  return {
    files: spec.external ? [file, dataFile] : [file],
    params,
    nonzero: params - layers * perLayerZeros,
  };
}

/** Length of the graph message body at the end of an encoded model (graph is the last field written). */
function graphBodyLength(model: Uint8Array): number {
  // Walk top-level fields to find field 7.
  let i = 0;
  while (i < model.length) {
    const tag = model[i++];
    let len = 0;
    let shift = 0;
    if ((tag & 7) === 0) {
      while (model[i++] & 0x80);
      continue;
    }
    let b: number;
    do {
      b = model[i++];
      len += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    if (tag >> 3 === 7) return len;
    i += len;
  }
  throw new Error('no graph field');
}

function zerosIn(elements: number, chunkElements: number, zeroFraction: number): number {
  const every = zeroFraction > 0 ? Math.round(1 / zeroFraction) : 0;
  if (!every) return 0;
  let zeros = 0;
  for (let start = 0; start < elements; start += chunkElements)
    zeros += Math.ceil(Math.min(chunkElements, elements - start) / every);
  return zeros;
}
