/**
 * Concrete input shapes: the model's declared dims, the user's `inputShapes`, and the batch size
 * (which replaces a dynamic first axis).
 */
import { UserError } from '../errors.js';
import type { TensorSpec } from '../model/types.js';

/** True when a declared dim has no fixed size (a name such as `batch`, or ≤ 0). */
export function isDynamic(dim: number | string): boolean {
  return typeof dim === 'string' || dim <= 0;
}

/**
 * The concrete dims of `spec`: `given` (the user's shape for this input, when any) fills
 * dynamic dims and must agree with fixed ones; a dynamic axis 0 becomes `batchSize`.
 */
export function resolveShape(spec: TensorSpec, given: number[] | undefined, batchSize: number): number[] {
  const declared = spec.shape;
  if (given && given.length !== declared.length) {
    throw new UserError(
      `input "${spec.name}" has ${declared.length} dims [${declared.join(',')}] but the given shape has ${given.length} [${given.join(',')}]`,
      { input: 'input' },
    );
  }
  return declared.map((dim, axis) => {
    if (axis === 0 && declared.length > 0) {
      if (!isDynamic(dim) && dim !== batchSize) {
        throw new UserError(
          `input "${spec.name}" has a fixed batch axis of ${dim}, so batch size ${batchSize} cannot run; set batch-sizes to ${dim}`,
          { input: 'batch-sizes' },
        );
      }
      return batchSize;
    }
    if (!isDynamic(dim)) {
      if (given && given[axis] !== dim) {
        throw new UserError(
          `input "${spec.name}" axis ${axis} is fixed at ${dim} in the model, but the given shape says ${given[axis]}`,
          { input: 'input' },
        );
      }
      return dim as number;
    }
    const size = given?.[axis];
    if (size === undefined || !Number.isInteger(size) || size < 1) {
      throw new UserError(
        `input "${spec.name}" axis ${axis} ("${dim}") has no fixed size; give the shape, e.g. --input ${spec.name}=${declared
          .map((d, i) => (i === 0 ? 1 : isDynamic(d) ? 'N' : d))
          .join('x')}`,
        { input: 'input' },
      );
    }
    return size;
  });
}
