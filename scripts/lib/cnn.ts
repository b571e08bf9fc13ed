/**
 * The example classifier: a small CNN for 1×32×32 images.
 *
 *   input [batch,1,32,32] → Conv3×3(c1)+ReLU → Conv3×3(c2)+ReLU → MaxPool2 → Conv3×3(c3)+ReLU
 *   → GlobalAveragePool → Flatten → Gemm(classes) → logits [batch,classes]
 *
 * The same weights drive both the JS forward pass used in training (`features`) and the ONNX
 * graph (`cnnModelBytes`), so the two agree up to float rounding.
 */
import { floatTensor, floatValueInfo, node, serializeModel } from './onnx-builder.js';

export const IMAGE_SIZE = 32;

export interface Layer {
  /** Conv: [out, in, 3, 3] row-major; dense: [out, in]. */
  w: Float32Array;
  b: Float32Array;
  out: number;
  in: number;
}

export interface CnnWeights {
  conv1: Layer;
  conv2: Layer;
  conv3: Layer;
  fc: Layer;
}

/**
 * 3×3 convolution, stride 1, zero padding 1, plus bias and ReLU; `x` is [in, size, size].
 * im2col keeps the inner loop long and contiguous; zero weights are skipped.
 */
export function conv3x3Relu(x: Float64Array, layer: Layer, size: number): Float64Array {
  const area = size * size;
  const col = new Float64Array(layer.in * 9 * area);
  for (let i = 0; i < layer.in; i++) {
    for (let ky = 0; ky < 3; ky++) {
      for (let kx = 0; kx < 3; kx++) {
        const row = ((i * 3 + ky) * 3 + kx) * area;
        for (let r = 0; r < size; r++) {
          const sr = r + ky - 1;
          if (sr < 0 || sr >= size) continue;
          for (let c = 0; c < size; c++) {
            const sc = c + kx - 1;
            if (sc >= 0 && sc < size) col[row + r * size + c] = x[(i * size + sr) * size + sc];
          }
        }
      }
    }
  }
  const k9 = layer.in * 9;
  const y = new Float64Array(layer.out * area);
  for (let o = 0; o < layer.out; o++) y.fill(layer.b[o], o * area, (o + 1) * area);
  // Four output channels per pass: each im2col element is loaded once for four multiply-adds.
  for (let o = 0; o < layer.out; o += 4) {
    const n = Math.min(4, layer.out - o);
    const y0 = o * area;
    const y1 = n > 1 ? y0 + area : y0;
    const y2 = n > 2 ? y0 + 2 * area : y0;
    const y3 = n > 3 ? y0 + 3 * area : y0;
    for (let k = 0; k < k9; k++) {
      const w0 = layer.w[o * k9 + k];
      const w1 = n > 1 ? layer.w[(o + 1) * k9 + k] : 0;
      const w2 = n > 2 ? layer.w[(o + 2) * k9 + k] : 0;
      const w3 = n > 3 ? layer.w[(o + 3) * k9 + k] : 0;
      if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0) continue;
      const ck = k * area;
      for (let p = 0; p < area; p++) {
        const c = col[ck + p];
        y[y0 + p] += w0 * c;
        y[y1 + p] += w1 * c;
        y[y2 + p] += w2 * c;
        y[y3 + p] += w3 * c;
      }
    }
  }
  for (let p = 0; p < y.length; p++) if (y[p] < 0) y[p] = 0;
  return y;
}

/** 2×2 max pooling, stride 2. */
export function maxPool2(x: Float64Array, channels: number, size: number): Float64Array {
  const half = size / 2;
  const y = new Float64Array(channels * half * half);
  for (let c = 0; c < channels; c++) {
    for (let r = 0; r < half; r++) {
      for (let q = 0; q < half; q++) {
        const base = c * size * size + 2 * r * size + 2 * q;
        y[(c * half + r) * half + q] = Math.max(x[base], x[base + 1], x[base + size], x[base + size + 1]);
      }
    }
  }
  return y;
}

/** The globally pooled conv features (length conv3.out) of one image of IMAGE_SIZE² pixels. */
export function features(weights: CnnWeights, image: Float32Array): Float64Array {
  const s = IMAGE_SIZE;
  const a1 = conv3x3Relu(Float64Array.from(image), weights.conv1, s);
  const a2 = maxPool2(conv3x3Relu(a1, weights.conv2, s), weights.conv2.out, s);
  const a3 = conv3x3Relu(a2, weights.conv3, s / 2);
  const area = (s / 2) * (s / 2);
  const out = new Float64Array(weights.conv3.out);
  for (let c = 0; c < out.length; c++) {
    let sum = 0;
    for (let k = c * area; k < (c + 1) * area; k++) sum += a3[k];
    out[c] = sum / area;
  }
  return out;
}

/** The ONNX model bytes (opset 13, input `input` [batch,1,16,16], output `logits` [batch,classes]). */
export function cnnModelBytes(weights: CnnWeights, name: string, docString: string): Uint8Array {
  const { conv1, conv2, conv3, fc } = weights;
  const convAttrs = { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] };
  return serializeModel({
    name,
    docString,
    inputs: [floatValueInfo('input', ['batch', 1, IMAGE_SIZE, IMAGE_SIZE])],
    outputs: [floatValueInfo('logits', ['batch', fc.out])],
    initializers: [
      floatTensor('conv1.weight', [conv1.out, conv1.in, 3, 3], conv1.w),
      floatTensor('conv1.bias', [conv1.out], conv1.b),
      floatTensor('conv2.weight', [conv2.out, conv2.in, 3, 3], conv2.w),
      floatTensor('conv2.bias', [conv2.out], conv2.b),
      floatTensor('conv3.weight', [conv3.out, conv3.in, 3, 3], conv3.w),
      floatTensor('conv3.bias', [conv3.out], conv3.b),
      floatTensor('fc.weight', [fc.out, fc.in], fc.w),
      floatTensor('fc.bias', [fc.out], fc.b),
    ],
    nodes: [
      node('Conv', ['input', 'conv1.weight', 'conv1.bias'], ['conv1'], convAttrs),
      node('Relu', ['conv1'], ['relu1']),
      node('Conv', ['relu1', 'conv2.weight', 'conv2.bias'], ['conv2'], convAttrs),
      node('Relu', ['conv2'], ['relu2']),
      node('MaxPool', ['relu2'], ['pool2'], { kernel_shape: [2, 2], strides: [2, 2] }),
      node('Conv', ['pool2', 'conv3.weight', 'conv3.bias'], ['conv3'], convAttrs),
      node('Relu', ['conv3'], ['relu3']),
      node('GlobalAveragePool', ['relu3'], ['gap']),
      node('Flatten', ['gap'], ['flat'], { axis: 1 }),
      node('Gemm', ['flat', 'fc.weight', 'fc.bias'], ['logits'], { transB: 1 }),
    ],
  });
}
