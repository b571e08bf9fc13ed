/**
 * The synthetic task: 10 classes of noisy oriented gratings on 1×32×32 images. Class k has its
 * own orientation and spatial frequency; each sample draws a random phase, amplitude, small
 * orientation/frequency jitter and Gaussian pixel noise, so the task is learnable but not trivial.
 */
import { IMAGE_SIZE } from './cnn.js';
import type { Rng } from './prng.js';

export const CLASSES = 10;
/** Pixel noise standard deviation (signal amplitude is 0.6–1.0). */
export const NOISE_STD = 1.5;

export interface Dataset {
  /** [count, 1, IMAGE_SIZE, IMAGE_SIZE] row-major float32. */
  inputs: Float32Array;
  labels: Int32Array;
  count: number;
}

/** Orientation (radians) and frequency (cycles per pixel) of class `k`: 5 orientations × 2 frequencies. */
function classPattern(k: number): { theta: number; freq: number } {
  return { theta: ((k % 5) * Math.PI) / 5, freq: k < 5 ? 0.12 : 0.22 };
}

/** `count` samples with uniformly drawn labels, all drawn from `rng`. */
export function makeDataset(rng: Rng, count: number): Dataset {
  const pixels = IMAGE_SIZE * IMAGE_SIZE;
  const inputs = new Float32Array(count * pixels);
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const label = rng.int(CLASSES);
    labels[n] = label;
    const { theta, freq } = classPattern(label);
    const t = theta + (rng.next() - 0.5) * 0.5;
    const f = freq * (1 + (rng.next() - 0.5) * 0.2);
    const phase = rng.next() * 2 * Math.PI;
    const amp = 0.6 + 0.4 * rng.next();
    const cx = Math.cos(t) * f * 2 * Math.PI;
    const cy = Math.sin(t) * f * 2 * Math.PI;
    for (let r = 0; r < IMAGE_SIZE; r++) {
      for (let c = 0; c < IMAGE_SIZE; c++) {
        inputs[n * pixels + r * IMAGE_SIZE + c] =
          amp * Math.cos(cx * c + cy * r + phase) + NOISE_STD * rng.normal();
      }
    }
  }
  return { inputs, labels, count };
}

/** Sample `n` as its own Float32Array view. */
export function sample(data: Dataset, n: number): Float32Array {
  const pixels = IMAGE_SIZE * IMAGE_SIZE;
  return data.inputs.subarray(n * pixels, (n + 1) * pixels);
}
