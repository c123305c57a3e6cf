// x² as x · x. tfjs's WebGL Square has no packed shader, so on a packed input (a gradient fresh from a matrix
// product) it unpacks the whole tensor, runs unpacked, and the next op packs the result again: for Adam's g² that
// was two extra programs per weight tensor per step, and the reference MLP trained about 15% slower on WebGL
// (SwiftShader, 2026-12-04). Multiply has a packed shader; the values are the same on every backend.
import * as tf from '@tensorflow/tfjs';

export function square<T extends tf.Tensor>(x: T): T {
  return tf.mul(x, x);
}
