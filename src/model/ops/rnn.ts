/**
 * Recurrent layers. Per time step, batch row and direction, every gate multiplies the input by
 * W [gates·H, I] and the hidden state by R [gates·H, H]: MACs = seq · batch · (|W| + |R|)
 * (W and R hold all directions). Each weight is used once per step and row, so the W and R terms
 * scale by their own nonzero fractions. Gate sums, activations and state updates are
 * element-wise FLOPs per hidden unit (counts in CELLS).
 */
import { numel, shapeOf, type Cost, type OpRule } from './common.js';

interface Cell {
  gates: number;
  /** Element-wise FLOPs per hidden unit per step: gate sums + activations + state update. */
  flopsPerUnit: number;
}

const CELLS: Record<string, Cell> = {
  // 4 gate sums, 4 gate activations, c = f·c + i·g (3), h = o·tanh(c) (2)
  LSTM: { gates: 4, flopsPerUnit: 13 },
  // 3 gate sums, 3 activations, r·h (1), h = (1−z)·ĥ + z·h (3)
  GRU: { gates: 3, flopsPerUnit: 10 },
  // 1 sum, 1 activation
  RNN: { gates: 1, flopsPerUnit: 2 },
};

function dims(x: number[], layout: number): { seq: number; batch: number } {
  return layout === 1 ? { seq: x[1], batch: x[0] } : { seq: x[0], batch: x[1] };
}

function rnnRule(cell: Cell): OpRule {
  return {
    infer(ctx) {
      const x = shapeOf(ctx, 0);
      const w = shapeOf(ctx, 1);
      const layout = ctx.attrs.int('layout', 0);
      const hidden = ctx.attrs.int('hidden_size', w[1] / cell.gates);
      const dirs = w[0];
      const { seq, batch } = dims(x, layout);
      const dtype = ctx.inputs[0]!.dtype;
      const y = layout === 1 ? [batch, seq, dirs, hidden] : [seq, dirs, batch, hidden];
      const state = layout === 1 ? [batch, dirs, hidden] : [dirs, batch, hidden];
      return [
        { shape: y, dtype },
        { shape: state, dtype },
        { shape: state, dtype },
      ];
    },
    cost(ctx): Cost {
      const x = shapeOf(ctx, 0);
      const w = shapeOf(ctx, 1);
      const r = shapeOf(ctx, 2);
      const { seq, batch } = dims(x, ctx.attrs.int('layout', 0));
      const steps = seq * batch;
      const dirs = w[0];
      const hidden = r[2];
      const terms = [
        { macs: steps * numel(w), weight: [1] },
        { macs: steps * numel(r), weight: [2] },
      ];
      // LSTM peepholes: one multiply-add per hidden unit for 3 gates.
      if (cell.gates === 4 && ctx.inputs[7]?.shape)
        terms.push({ macs: steps * dirs * 3 * hidden, weight: [7] });
      const biasFlops = ctx.inputs[3] ? 2 * cell.gates : 0;
      return { terms, flops: steps * dirs * hidden * (cell.flopsPerUnit + biasFlops) };
    },
  };
}

export const rnnRules: Record<string, OpRule> = {
  LSTM: rnnRule(CELLS.LSTM),
  GRU: rnnRule(CELLS.GRU),
  RNN: rnnRule(CELLS.RNN),
};
