// Why the pure float16 policy (no float32 master weights, float16 optimizer slots) fails, in two constructed
// cases, with the same ops the engine uses: tiny updates vanish against float16 weights, and Adam's second moment
// underflows so its step explodes.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { FLOAT16_MIN_SUBNORMAL } from '../../../src/engine/precision/float16';
import { roundFloat16 } from '../../../src/engine/precision/float16-op';
import { createOptimizer } from '../../../src/engine/train/optimizers';

const variable = (values: number[]) => tf.tidy(() => tf.variable(tf.tensor1d(values)));

describe('the pure float16 policy', () => {
  it('loses SGD updates smaller than half an ulp of the weight (2^-12 at 1), which float32 master weights keep', () => {
    const before = tf.memory().numTensors;
    const master = variable([1, 1]);
    const half = variable([1, 1]);
    const sgd32 = createOptimizer('sgd', 1e-3, [master]);
    const sgd16 = createOptimizer('sgd', 1e-3, [half]);
    // lr·g = 1e-4 and 3e-4 per step: below and above 2^-12 ≈ 2.44e-4, half the spacing of float16 just below 1
    const g = tf.tensor1d([0.1, 0.3]);
    for (let step = 0; step < 100; step++) {
      sgd32.applyGradients([master], [g]);
      sgd16.applyGradients([half], [g]);
      tf.tidy(() => half.assign(roundFloat16(half)));
    }
    const [m0, m1] = Array.from(master.dataSync());
    const [h0, h1] = Array.from(half.dataSync());
    expect(m0).toBeCloseTo(0.99, 5);
    expect(m1).toBeCloseTo(0.97, 5);
    expect(h0).toBe(1); // 100 updates of 1e-4 each rounded away
    expect(h1).toBeCloseTo(0.97, 1); // 3e-4 rounds to one step of 2^-11 ≈ 4.9e-4: moves, but 1.6× too fast
    expect(Math.abs(h1 - 0.97)).toBeGreaterThan(0.01);
    tf.dispose([master, half, g]);
    sgd32.dispose();
    sgd16.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  // Adam's arithmetic runs in float32 here (as GPU kernels do); only what it stores is float16. After a step with
  // g = 1e-4 the second moment (1 − β₂)·g² = 1e-11 is stored as 0, while the first moment 1e-5 survives as a
  // subnormal. A following step with g = 0 (a dead unit, or a gradient that itself flushed) then divides by ε alone.
  it("makes Adam's step explode: the float16 second moment underflows to 0, so the next step is m̂/ε", () => {
    const before = tf.memory().numTensors;
    const w32 = variable([0.5]);
    const w16 = variable([0.5]);
    const adam32 = createOptimizer('adam', 1e-3, [w32]);
    const adam16 = createOptimizer('adam', 1e-3, [w16]);
    const grads = [tf.tensor1d([1e-4]), tf.tensor1d([0])];
    for (const g of grads) {
      adam32.applyGradients([w32], [g]);
      adam16.applyGradients([w16], [g]);
      tf.tidy(() => [w16, ...adam16.slots].forEach((v) => v.assign(roundFloat16(v))));
      if (g === grads[0]) {
        expect(1e-11).toBeLessThan(FLOAT16_MIN_SUBNORMAL / 2);
        expect(adam16.slots[1].dataSync()[0]).toBe(0);
        expect(adam16.slots[0].dataSync()[0]).toBeGreaterThan(0);
      }
    }
    const moved32 = 0.5 - w32.dataSync()[0];
    const moved16 = 0.5 - w16.dataSync()[0];
    // Adam moves at most about lr per step, whatever the gradient's size: 1e-3, then 0.67e-3 on momentum alone
    expect(moved32).toBeGreaterThan(1e-3);
    expect(moved32).toBeLessThan(2e-3);
    expect(moved16).toBeGreaterThan(0.4); // lr·m̂/ε ≈ 1e-3 · 4.7e-5 / 1e-7 ≈ 0.47 in the second step alone
    tf.dispose([w32, w16, ...grads]);
    adam32.dispose();
    adam16.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
