/**
 * The ONNX protobuf schema (the subset carbon-delta reads and writes), built with protobufjs
 * reflection so it bundles without a .proto file at run time.
 *
 * Field numbers follow onnx/onnx.proto (IR version 10). `bytes` fields decode as views into the
 * input buffer, so large `raw_data` tensors are not copied.
 */
import protobuf from 'protobufjs';

/** TensorProto.DataType values. */
export const DataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
} as const;

/** AttributeProto.AttributeType values. */
export const AttributeType = {
  UNDEFINED: 0,
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  TENSORS: 9,
  GRAPHS: 10,
  SPARSE_TENSOR: 11,
  SPARSE_TENSORS: 12,
} as const;

type Long = protobuf.Long | number;

export interface StringStringEntry {
  key?: string;
  value?: string;
}
export interface TensorProto {
  dims?: Long[];
  dataType?: number;
  floatData?: number[];
  int32Data?: number[];
  stringData?: Uint8Array[];
  int64Data?: Long[];
  name?: string;
  docString?: string;
  rawData?: Uint8Array;
  doubleData?: number[];
  uint64Data?: Long[];
  externalData?: StringStringEntry[];
  /** 0 = DEFAULT, 1 = EXTERNAL */
  dataLocation?: number;
}
export interface SparseTensorProto {
  values?: TensorProto;
  indices?: TensorProto;
  dims?: Long[];
}
export interface Dimension {
  dimValue?: Long;
  dimParam?: string;
  denotation?: string;
}
export interface TypeProto {
  tensorType?: { elemType?: number; shape?: { dim?: Dimension[] } };
  sequenceType?: { elemType?: TypeProto };
  mapType?: { keyType?: number; valueType?: TypeProto };
  optionalType?: { elemType?: TypeProto };
  sparseTensorType?: { elemType?: number; shape?: { dim?: Dimension[] } };
  denotation?: string;
}
export interface ValueInfoProto {
  name?: string;
  type?: TypeProto;
  docString?: string;
}
export interface AttributeProto {
  name?: string;
  refAttrName?: string;
  docString?: string;
  type?: number;
  f?: number;
  i?: Long;
  s?: Uint8Array;
  t?: TensorProto;
  g?: GraphProto;
  sparseTensor?: SparseTensorProto;
  floats?: number[];
  ints?: Long[];
  strings?: Uint8Array[];
  tensors?: TensorProto[];
  graphs?: GraphProto[];
}
export interface NodeProto {
  input?: string[];
  output?: string[];
  name?: string;
  opType?: string;
  domain?: string;
  attribute?: AttributeProto[];
  docString?: string;
}
export interface GraphProto {
  node?: NodeProto[];
  name?: string;
  initializer?: TensorProto[];
  sparseInitializer?: SparseTensorProto[];
  docString?: string;
  input?: ValueInfoProto[];
  output?: ValueInfoProto[];
  valueInfo?: ValueInfoProto[];
}
export interface OperatorSetIdProto {
  domain?: string;
  version?: Long;
}
export interface FunctionProto {
  name?: string;
  input?: string[];
  output?: string[];
  attribute?: string[];
  node?: NodeProto[];
  docString?: string;
  opsetImport?: OperatorSetIdProto[];
  domain?: string;
}
export interface ModelProto {
  irVersion?: Long;
  opsetImport?: OperatorSetIdProto[];
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: Long;
  docString?: string;
  graph?: GraphProto;
  metadataProps?: StringStringEntry[];
  functions?: FunctionProto[];
}

type FieldSpec = [name: string, id: number, type: string, rule?: 'repeated', packed?: boolean];

function message(name: string, fields: FieldSpec[]): protobuf.Type {
  const type = new protobuf.Type(name);
  for (const [fieldName, id, fieldType, rule, packed] of fields) {
    const field = new protobuf.Field(fieldName, id, fieldType, rule);
    // proto2 repeated scalars are unpacked by default; ONNX marks its numeric arrays packed.
    if (packed) field.options = { packed: true };
    type.add(field);
  }
  return type;
}

function buildRoot(): protobuf.Root {
  const root = new protobuf.Root();
  const onnx = root.define('onnx');
  onnx.add(
    message('StringStringEntryProto', [
      ['key', 1, 'string'],
      ['value', 2, 'string'],
    ]),
  );
  onnx.add(
    message('TensorProto', [
      ['dims', 1, 'int64', 'repeated', true],
      ['dataType', 2, 'int32'],
      ['floatData', 4, 'float', 'repeated', true],
      ['int32Data', 5, 'int32', 'repeated', true],
      ['stringData', 6, 'bytes', 'repeated'],
      ['int64Data', 7, 'int64', 'repeated', true],
      ['name', 8, 'string'],
      ['rawData', 9, 'bytes'],
      ['doubleData', 10, 'double', 'repeated', true],
      ['uint64Data', 11, 'uint64', 'repeated', true],
      ['docString', 12, 'string'],
      ['externalData', 13, 'StringStringEntryProto', 'repeated'],
      ['dataLocation', 14, 'int32'],
    ]),
  );
  onnx.add(
    message('SparseTensorProto', [
      ['values', 1, 'TensorProto'],
      ['indices', 2, 'TensorProto'],
      ['dims', 3, 'int64', 'repeated', true],
    ]),
  );
  onnx.add(
    message('Dimension', [
      ['dimValue', 1, 'int64'],
      ['dimParam', 2, 'string'],
      ['denotation', 3, 'string'],
    ]),
  );
  onnx.add(message('TensorShapeProto', [['dim', 1, 'Dimension', 'repeated']]));
  onnx.add(
    message('TypeTensor', [
      ['elemType', 1, 'int32'],
      ['shape', 2, 'TensorShapeProto'],
    ]),
  );
  onnx.add(message('TypeSequence', [['elemType', 1, 'TypeProto']]));
  onnx.add(
    message('TypeMap', [
      ['keyType', 1, 'int32'],
      ['valueType', 2, 'TypeProto'],
    ]),
  );
  onnx.add(message('TypeOptional', [['elemType', 1, 'TypeProto']]));
  onnx.add(
    message('TypeProto', [
      ['tensorType', 1, 'TypeTensor'],
      ['sequenceType', 4, 'TypeSequence'],
      ['mapType', 5, 'TypeMap'],
      ['denotation', 6, 'string'],
      ['sparseTensorType', 8, 'TypeTensor'],
      ['optionalType', 9, 'TypeOptional'],
    ]),
  );
  onnx.add(
    message('ValueInfoProto', [
      ['name', 1, 'string'],
      ['type', 2, 'TypeProto'],
      ['docString', 3, 'string'],
    ]),
  );
  onnx.add(
    message('AttributeProto', [
      ['name', 1, 'string'],
      ['f', 2, 'float'],
      ['i', 3, 'int64'],
      ['s', 4, 'bytes'],
      ['t', 5, 'TensorProto'],
      ['g', 6, 'GraphProto'],
      ['floats', 7, 'float', 'repeated', true],
      ['ints', 8, 'int64', 'repeated', true],
      ['strings', 9, 'bytes', 'repeated'],
      ['tensors', 10, 'TensorProto', 'repeated'],
      ['graphs', 11, 'GraphProto', 'repeated'],
      ['docString', 13, 'string'],
      ['type', 20, 'int32'],
      ['refAttrName', 21, 'string'],
      ['sparseTensor', 22, 'SparseTensorProto'],
      ['sparseTensors', 23, 'SparseTensorProto', 'repeated'],
    ]),
  );
  onnx.add(
    message('NodeProto', [
      ['input', 1, 'string', 'repeated'],
      ['output', 2, 'string', 'repeated'],
      ['name', 3, 'string'],
      ['opType', 4, 'string'],
      ['attribute', 5, 'AttributeProto', 'repeated'],
      ['docString', 6, 'string'],
      ['domain', 7, 'string'],
    ]),
  );
  onnx.add(
    message('GraphProto', [
      ['node', 1, 'NodeProto', 'repeated'],
      ['name', 2, 'string'],
      ['initializer', 5, 'TensorProto', 'repeated'],
      ['docString', 10, 'string'],
      ['input', 11, 'ValueInfoProto', 'repeated'],
      ['output', 12, 'ValueInfoProto', 'repeated'],
      ['valueInfo', 13, 'ValueInfoProto', 'repeated'],
      ['sparseInitializer', 15, 'SparseTensorProto', 'repeated'],
    ]),
  );
  onnx.add(
    message('OperatorSetIdProto', [
      ['domain', 1, 'string'],
      ['version', 2, 'int64'],
    ]),
  );
  onnx.add(
    message('FunctionProto', [
      ['name', 1, 'string'],
      ['input', 4, 'string', 'repeated'],
      ['output', 5, 'string', 'repeated'],
      ['attribute', 6, 'string', 'repeated'],
      ['node', 7, 'NodeProto', 'repeated'],
      ['docString', 8, 'string'],
      ['opsetImport', 9, 'OperatorSetIdProto', 'repeated'],
      ['domain', 10, 'string'],
    ]),
  );
  onnx.add(
    message('ModelProto', [
      ['irVersion', 1, 'int64'],
      ['producerName', 2, 'string'],
      ['producerVersion', 3, 'string'],
      ['domain', 4, 'string'],
      ['modelVersion', 5, 'int64'],
      ['docString', 6, 'string'],
      ['graph', 7, 'GraphProto'],
      ['opsetImport', 8, 'OperatorSetIdProto', 'repeated'],
      ['metadataProps', 14, 'StringStringEntryProto', 'repeated'],
      ['functions', 25, 'FunctionProto', 'repeated'],
    ]),
  );
  root.resolveAll();
  return root;
}

const root = buildRoot();
const ModelType = root.lookupType('onnx.ModelProto');

/** Decode a serialized ModelProto. `bytes` fields stay views into `buffer` (no copy). Throws on malformed input. */
export function decodeModel(buffer: Uint8Array): ModelProto {
  return ModelType.decode(buffer) as unknown as ModelProto;
}

/** Serialize a ModelProto (used by the example generator and tests). */
export function encodeModel(model: ModelProto): Uint8Array {
  return ModelType.encode(ModelType.fromObject(model as Record<string, unknown>)).finish();
}

/** An int64 field as a JS number (exact up to 2^53; ONNX dims and counts stay far below). */
export function toNumber(value: Long | undefined | null): number {
  if (value === undefined || value === null) return 0;
  return typeof value === 'number' ? value : (value as unknown as { toNumber(): number }).toNumber();
}
