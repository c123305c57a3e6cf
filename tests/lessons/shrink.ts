// The mixed-precision and quantization lessons train a LeNet on 8,000 digits for 5 epochs: on SwiftShader's
// WebGL that is most of an hour. Their claims are about precision (float16 compute, uint8 weights), not about
// how long the model trains, so their tests, under Node and in the browser, run them on fewer digits and epochs.
import type { LinkState } from '../../src/state/link/types';

export const SHRUNK = { trainSize: 1000, testSize: 500, epochs: 2 } as const;

/** The lesson with both sides on SHRUNK's digits and epochs (in place; returns it). */
export function shrink(lesson: LinkState): LinkState {
  for (const side of [lesson.spec, lesson.variant]) {
    if (!side) continue;
    if (side.dataset.kind !== 'images') throw new Error('shrink() is for the lessons that train on MNIST');
    side.dataset.trainSize = SHRUNK.trainSize;
    side.dataset.testSize = SHRUNK.testSize;
    side.training.epochs = SHRUNK.epochs;
  }
  return lesson;
}
