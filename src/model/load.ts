/**
 * Reads and decodes an ONNX file: one streaming pass (see ./stream-load.ts) that counts the
 * large weights as they go by and keeps the rest as a small skeleton that protobufjs decodes.
 * A protobuf message cannot exceed 2 GB; larger models keep their weights in external data files.
 */
import { stat } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { decodeModel, toNumber, type GraphProto, type ModelProto } from './onnx-proto.js';
import { readSkeleton } from './stream-load.js';

/** Protobuf's hard limit on one serialized message. */
const PROTOBUF_LIMIT_BYTES = 2 ** 31;

export interface LoadedModel {
  path: string;
  fileBytes: number;
  proto: ModelProto;
  graph: GraphProto;
  /** Default-domain opset version. */
  opset: number;
  irVersion: number;
  /**
   * Nonzero counts of the initializers counted while reading, by name. Their TensorProtos point
   * at their byte range in the model file itself as external data.
   */
  preCounted: Map<string, number>;
}

export async function loadModel(modelPath: string): Promise<LoadedModel> {
  let fileBytes: number;
  try {
    const info = await stat(modelPath);
    if (!info.isFile())
      throw new UserError(`model ${modelPath} is not a file. Pass the path of an .onnx file.`);
    fileBytes = info.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `model file ${modelPath} not found or not readable (working directory ${process.cwd()}): ${(error as NodeJS.ErrnoException).code ?? error}. Check the path.`,
      { cause: error },
    );
  }
  if (fileBytes >= PROTOBUF_LIMIT_BYTES) {
    throw new UserError(
      `model ${modelPath} is ${fileBytes} bytes, over protobuf's 2 GB limit, so it is not a valid ONNX file. Save models this large with external data (onnx.save_model(..., save_as_external_data=True)).`,
    );
  }
  if (fileBytes === 0) throw new UserError(`model ${modelPath} is empty (0 bytes). Re-export the model.`);
  const skeleton = readSkeleton(modelPath);
  let proto: ModelProto;
  try {
    proto = decodeModel(skeleton.bytes);
  } catch (error) {
    throw new UserError(
      `model ${modelPath} is not a valid ONNX file (${fileBytes} bytes; the protobuf decoder says: ${(error as Error).message}). The file may be truncated, or not an ONNX model (a Git LFS pointer, a PyTorch checkpoint?).`,
      { cause: error },
    );
  }
  const graph = proto.graph;
  if (!graph || !(graph.node?.length || graph.output?.length)) {
    throw new UserError(
      `model ${modelPath} holds no ONNX graph (${fileBytes} bytes decoded to an empty model). The file is truncated or not an ONNX model.`,
    );
  }
  const opsets = proto.opsetImport ?? [];
  const main = opsets.find((o) => !o.domain || o.domain === 'ai.onnx');
  return {
    path: modelPath,
    fileBytes,
    proto,
    graph,
    opset: main ? toNumber(main.version) : 0,
    irVersion: toNumber(proto.irVersion),
    preCounted: skeleton.nonzero,
  };
}
