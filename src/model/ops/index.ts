/**
 * All op rules by op type. Standard ops and the com.microsoft contrib ops that exporters and
 * onnxruntime's transformer optimizer emit share one table (their names do not collide, except
 * the default-domain Attention of opset 23, which has a different signature and is excluded).
 */
import type { OpRule } from './common.js';
import { convRules } from './conv.js';
import { elementwiseRules, movementRules } from './elementwise.js';
import { matmulRules } from './matmul.js';
import { normRules } from './norm-reduce.js';
import { rnnRules } from './rnn.js';
import { shapeRules } from './shape-ops.js';

const RULES: Record<string, OpRule> = {
  ...elementwiseRules,
  ...movementRules,
  ...shapeRules,
  ...convRules,
  ...matmulRules,
  ...rnnRules,
  ...normRules,
};

const MICROSOFT_ONLY = new Set([
  'Attention',
  'MultiHeadAttention',
  'MatMulNBits',
  'FusedConv',
  'FusedGemm',
  'QGemm',
]);

export function ruleFor(opType: string, domain: string | undefined): OpRule | undefined {
  const ms = domain === 'com.microsoft';
  if (MICROSOFT_ONLY.has(opType) && !ms) return undefined;
  return Object.hasOwn(RULES, opType) ? RULES[opType] : undefined;
}

/** Ops whose MACs count (the rest cost element-wise FLOPs or nothing). */
export const MAC_OPS = new Set([
  'Conv',
  'FusedConv',
  'ConvInteger',
  'QLinearConv',
  'ConvTranspose',
  'Gemm',
  'FusedGemm',
  'QGemm',
  'MatMul',
  'MatMulNBits',
  'DynamicQuantizeMatMul',
  'MatMulInteger',
  'QLinearMatMul',
  'Einsum',
  'Attention',
  'MultiHeadAttention',
  'LSTM',
  'GRU',
  'RNN',
]);

/**
 * Where the zero point of a quantized weight input sits, by op and weight input index: a
 * quantized weight is "zero" when it equals its zero point.
 */
export const WEIGHT_ZERO_POINT: Record<string, Record<number, number>> = {
  QLinearConv: { 3: 5 },
  ConvInteger: { 1: 3 },
  MatMulInteger: { 1: 3, 0: 2 },
  QLinearMatMul: { 3: 5, 0: 2 },
  QGemm: { 3: 5, 0: 2 },
  DynamicQuantizeMatMul: { 1: 3 },
  DequantizeLinear: { 0: 2 },
};
