/**
 * What static analysis of one ONNX model yields (the `analyze --json` contract in DESIGN.md).
 * Counts are per inference at the configured input shapes.
 */

export interface TensorSpec {
  name: string;
  /** ONNX element type name as onnxruntime spells it: `float32`, `int64`, `float16`, `bool`, ... */
  dtype: string;
  /** Dims as stored: numbers, or symbolic names such as `batch`. */
  shape: (number | string)[];
}

export interface MacCount {
  nodes: number;
  /** MACs a dense kernel executes. */
  dense: number;
  /** MACs that multiply nonzero weights (what an ideal sparse kernel executes). */
  sparse: number;
}

/** One layer (node with weights) in the per-layer table. */
export interface LayerInfo {
  /** Node name, or its first output when unnamed. */
  name: string;
  opType: string;
  /** Name of the weight initializer, when there is one. */
  weight?: string;
  weightShape?: number[];
  params: number;
  nonzero: number;
  macsDense: number;
  macsSparse: number;
}

export interface ModelAnalysis {
  model: {
    path: string;
    fileBytes: number;
    /** Bytes of external data files, when the model uses them. */
    externalDataBytes: number;
    opset: number;
    irVersion: number;
    producer: string;
    inputs: TensorSpec[];
    outputs: TensorSpec[];
  };
  /** The concrete input shapes the counts were computed at. */
  inputShapes: Record<string, number[]>;
  /** Inferred shapes of the graph outputs at those input shapes (absent where unknown). */
  outputShapes?: Record<string, number[]>;
  parameters: {
    /** Elements in graph initializers. */
    total: number;
    nonzero: number;
    /** Bytes of weight data (initializers). */
    weightBytes: number;
    byDtype: Record<string, { total: number; nonzero: number; bytes: number }>;
  };
  macs: { dense: number; sparse: number; byOpType: Record<string, MacCount> };
  /** FLOPs = 2 × MACs for MAC ops + one per element for element-wise ops. */
  flops: {
    dense: number;
    sparse: number;
    /** Of which element-wise and other non-MAC FLOPs (same in dense and sparse). */
    nonMac?: number;
    /** Dense FLOPs per op type (MAC ops: 2 × MACs plus their non-MAC FLOPs). */
    byOpType?: Record<string, number>;
  };
  unsupportedOps: { opType: string; nodes: number; reason?: string }[];
  layers: LayerInfo[];
  nodeCount: number;
  opTypes: Record<string, number>;
}
