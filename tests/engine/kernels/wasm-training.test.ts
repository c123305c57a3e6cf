// The kernels registered for tfjs's WASM backend (kernels/wasm-training.ts) against tfjs's CPU backend, the
// independent oracle: gradients within 1e-5 of the largest value, gathers and one-hots exactly equal.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { Random } from '../../../src/data/random';
import { isOurWasmKernel } from '../../../src/engine/kernels/wasm-training';
import { roundFloat16 } from '../../../src/engine/precision/float16-op';

/** `f`'s values on `backend`, read back; every tensor it makes is disposed. */
async function on(backend: 'cpu' | 'wasm', f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const out = tf.tidy(f);
  const values = (Array.isArray(out) ? out : [out]).map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(out);
  expect(tf.memory().numTensors).toBe(before);
  return values;
}

function values(shape: number[], seed: number): number[] {
  const random = new Random(seed);
  return Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random.next() * 2 - 1);
}

/** max |a − b| over max |b|: the error relative to the gradient's own scale. */
function relativeError(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

async function compare(f: () => tf.Tensor | tf.Tensor[]): Promise<number> {
  const [wasm, cpu] = [await on('wasm', f), await on('cpu', f)];
  return Math.max(...cpu.map((c, i) => relativeError(wasm[i], c)));
}

afterAll(() => tf.setBackend('cpu'));

it('every kernel below is this project\'s on WASM, not tfjs-backend-wasm\'s own (which would also match the CPU backend)', async () => {
  await tf.setBackend('wasm');
  for (const name of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul', '_FusedMatMul', 'GatherV2', 'OneHot']) {
    expect(isOurWasmKernel(name), name).toBe(true);
  }
  expect(isOurWasmKernel('Conv2D')).toBe(false);
});

describe('Conv2DBackpropFilter on WASM', () => {
  const cases: { x: number[]; filter: number[]; strides: number; pad: 'same' | 'valid' }[] = [
    { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
    { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
    { x: [2, 10, 9, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'same' },
    { x: [3, 11, 10, 2], filter: [4, 2, 2, 3], strides: 3, pad: 'valid' },
    { x: [4, 28, 28, 1], filter: [5, 5, 1, 8], strides: 1, pad: 'same' }, // the MNIST CNN preset's first layer
  ];
  for (const c of cases) {
    it(`matches the CPU backend for x [${c.x}], filter [${c.filter}], strides ${c.strides}, ${c.pad}`, async () => {
      const error = await compare(() => {
        const x = tf.tensor4d(values(c.x, 1), c.x as [number, number, number, number]);
        const filter = tf.tensor4d(values(c.filter, 2), c.filter as [number, number, number, number]);
        const loss = (f: tf.Tensor) => {
          const y = tf.conv2d(x, f as tf.Tensor4D, c.strides, c.pad);
          return tf.sum(tf.mul(y, tf.tensor(values(y.shape, 3), y.shape)));
        };
        return tf.grad(loss)(filter);
      });
      expect(error).toBeLessThan(1e-5);
    });
  }
});

describe('Conv2DBackpropInput on WASM', () => {
  // stride 1 runs as a flipped-filter convolution; stride 2 and padding beyond the filter keep WASM's own kernel
  const cases: { x: number[]; filter: number[]; strides: number; pad: 'same' | 'valid' | number }[] = [
    { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
    { x: [2, 9, 8, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
    { x: [2, 7, 9, 2], filter: [4, 2, 2, 3], strides: 1, pad: 'same' }, // even filter: the padding is uneven
    { x: [2, 6, 6, 2], filter: [3, 3, 2, 2], strides: 1, pad: 1 },
    { x: [1, 6, 6, 2], filter: [3, 3, 2, 2], strides: 1, pad: 3 },
    { x: [2, 10, 9, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'same' },
    { x: [4, 14, 14, 8], filter: [5, 5, 8, 16], strides: 1, pad: 'valid' }, // the MNIST CNN preset's second layer
  ];
  for (const c of cases) {
    it(`matches the CPU backend for x [${c.x}], filter [${c.filter}], strides ${c.strides}, pad ${c.pad}`, async () => {
      const error = await compare(() => {
        const x = tf.tensor4d(values(c.x, 1), c.x as [number, number, number, number]);
        const filter = tf.tensor4d(values(c.filter, 2), c.filter as [number, number, number, number]);
        const loss = (input: tf.Tensor) => {
          const y = tf.conv2d(input as tf.Tensor4D, filter, c.strides, c.pad);
          return tf.sum(tf.mul(y, tf.tensor(values(y.shape, 3), y.shape)));
        };
        return tf.grad(loss)(x);
      });
      expect(error).toBeLessThan(1e-5);
    });
  }
});

describe('MaxPoolGrad on WASM', () => {
  const cases: { x: number[]; size: number; strides: number; pad: 'same' | 'valid' }[] = [
    { x: [2, 8, 8, 3], size: 2, strides: 2, pad: 'valid' },
    { x: [2, 9, 7, 2], size: 3, strides: 2, pad: 'same' }, // overlapping windows, some cut by the border
    { x: [2, 7, 7, 2], size: 2, strides: 1, pad: 'valid' },
  ];
  for (const c of cases) {
    it(`matches the CPU backend for x [${c.x}], pool ${c.size}, strides ${c.strides}, ${c.pad}`, async () => {
      const error = await compare(() => {
        const x = tf.tensor4d(values(c.x, 4), c.x as [number, number, number, number]);
        const loss = (input: tf.Tensor) => {
          const y = tf.maxPool(input as tf.Tensor4D, c.size, c.strides, c.pad);
          return tf.sum(tf.mul(y, tf.tensor(values(y.shape, 5), y.shape)));
        };
        return tf.grad(loss)(x);
      });
      expect(error).toBeLessThan(1e-5);
    });
  }

  it('gives a window\'s gradient to its first largest input, as the CPU backend does, when inputs tie (ReLU zeros)', async () => {
    const f = () => {
      const x = tf.relu(tf.tensor4d(values([2, 6, 6, 2], 6), [2, 6, 6, 2])); // about half the inputs are exactly 0
      const tied = tf.concat([x, tf.ones([2, 6, 6, 1])], 3); // a channel where every input ties
      return tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(input as tf.Tensor4D, 2, 2, 'valid'), 3)))(tied);
    };
    expect(await on('wasm', f)).toEqual(await on('cpu', f));
  });
});

describe('matMul gradients and transposed products on WASM', () => {
  it('transposeA and transposeB give the CPU backend\'s products and a dense layer\'s gradients', async () => {
    const error = await compare(() => {
      const a = tf.tensor2d(values([37, 53], 4), [37, 53]);
      const b = tf.tensor2d(values([53, 29], 5), [53, 29]);
      const bias = tf.tensor1d(values([29], 6));
      const dense = (w: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.square(tf.fused.matMul({ a, b: w as tf.Tensor2D, bias: bb, activation: 'relu' })));
      const [dw, db] = tf.grads(dense)([b, bias]);
      return [tf.matMul(a, tf.tensor2d(values([37, 11], 7), [37, 11]), true, false), tf.matMul(a, b.transpose(), false, true), dw, db];
    });
    expect(error).toBeLessThan(1e-5);
  });

  it('transposes each matrix of a batch (rank 3) as the CPU backend does', async () => {
    const error = await compare(() => {
      const a = tf.tensor3d(values([3, 17, 6], 8), [3, 17, 6]);
      const b = tf.tensor3d(values([3, 9, 6], 9), [3, 9, 6]);
      return [tf.matMul(a, b, false, true), tf.matMul(a, tf.tensor3d(values([3, 17, 5], 10), [3, 17, 5]), true, false)];
    });
    expect(error).toBeLessThan(1e-5);
  });
});

describe('GatherV2 and OneHot on WASM', () => {
  it('gathers rows, columns and int32 labels exactly as the CPU backend', async () => {
    const f = () => {
      const x = tf.tensor4d(values([12, 4, 3, 2], 8), [12, 4, 3, 2]);
      const rows = tf.tensor1d([11, 0, 5, 5, 3], 'int32');
      return [tf.gather(x, rows), tf.gather(x, tf.tensor1d([2, 0], 'int32'), 2), tf.gather(tf.tensor1d([4, 5, 6, 7], 'int32'), tf.tensor1d([3, 1], 'int32'))];
    };
    expect(await on('wasm', f)).toEqual(await on('cpu', f));
  });

  it('refuses an index out of range with the index in the message', async () => {
    await tf.setBackend('wasm');
    expect(() => tf.gather(tf.zeros([3, 2]), tf.tensor1d([3], 'int32'))).toThrow(/index value 3 is not in \[0, 2\]/);
  });

  it('makes float32 one-hots (which stock tfjs-backend-wasm fills with int32 bit patterns)', async () => {
    const f = () => tf.oneHot(tf.tensor1d([0, 2, 1], 'int32'), 3, 1, 0, 'float32');
    const [wasm] = await on('wasm', f);
    expect(Array.from(wasm)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0]);
    expect(await on('wasm', f)).toEqual(await on('cpu', f));
  });
});

describe('float16 kernels on WASM', () => {
  it('round exactly as on the CPU backend', async () => {
    const f = () => {
      const x = tf.tensor1d([1 / 3, 65520, 5.96e-8, 2.98e-8, -0, 1e-3, ...values([41], 9)]);
      return [roundFloat16(x)];
    };
    expect(await on('wasm', f)).toEqual(await on('cpu', f));
  });
});
