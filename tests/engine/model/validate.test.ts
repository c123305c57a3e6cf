import { describe, expect, it } from 'vitest';
import { conv2d, dense, flatten, maxPool, presetSpec } from '../../../src/engine/model/presets';
import type { ExperimentSpec } from '../../../src/engine/model/spec';
import { hasErrors, validateSpec } from '../../../src/engine/model/validate';

const messages = (spec: ExperimentSpec) => validateSpec(spec).map((p) => p.message);

describe('validateSpec', () => {
  it('accepts every preset as it ships', () => {
    for (const id of ['spiral-mlp', 'circle-mlp', 'xor-mlp', 'moons-mlp', 'bumps-regression', 'mnist-mlp', 'mnist-cnn', 'fashion-cnn']) {
      expect(validateSpec(presetSpec(id)).filter((p) => p.severity === 'error'), id).toEqual([]);
    }
  });

  it('refuses zero units, naming the layer, the field, the range and the value', () => {
    const spec = presetSpec('spiral-mlp');
    spec.model.layers[1] = dense(0);
    expect(messages(spec)).toContain('dense_2: units must be a whole number from 1 to 4096 (got 0).');
    expect(validateSpec(spec)[0].path).toBe('model.layers.1.units');
  });

  it('refuses a kernel larger than its input and says what to change', () => {
    const spec = presetSpec('mnist-cnn');
    // 28 → pool 14 → pool 7 → pool 3: a 5×5 kernel no longer fits
    spec.model.layers = [maxPool(), maxPool(), maxPool(), conv2d(8, 5), flatten];
    const [message] = messages(spec);
    expect(message).toContain('conv2d_1: kernel 5×5 is larger than its 3×3 input');
    expect(message).toContain("padding 'same'");
    expect(hasErrors(validateSpec(spec))).toBe(true);
  });

  it('refuses a CNN on 2D points, pointing to dense layers or an image set', () => {
    const spec = presetSpec('spiral-mlp');
    spec.model.layers = [conv2d(8, 3), flatten];
    expect(messages(spec)[0]).toBe(
      'conv2d_1 needs an image (height × width × channels), but this dataset gives each example as 2 numbers. Use dense layers, or pick MNIST or Fashion-MNIST.');
  });

  it('asks for a flatten layer before a dense layer on a feature map, and before the output', () => {
    const spec = presetSpec('mnist-cnn');
    spec.model.layers = [conv2d(4, 3), dense(10)];
    expect(messages(spec)[0]).toBe('dense_1 receives a 26×26×4 feature map; add a flatten layer before it.');
    spec.model.layers = [conv2d(4, 3)];
    expect(messages(spec)[0]).toContain('add a flatten layer at the end');
  });

  it('refuses training settings out of range and non-numbers', () => {
    const spec = presetSpec('spiral-mlp');
    spec.training.learningRate = 0;
    spec.training.batchSize = 2.5;
    spec.training.epochs = Number.NaN;
    const all = messages(spec);
    expect(all).toContain('Learning rate must be a number from 0.000001 to 10 (got 0).');
    expect(all).toContain('Batch size must be a whole number from 1 to 4096 (got 2.5).');
    expect(all.some((m) => m.startsWith('Epochs must be a whole number'))).toBe(true);
  });

  it('refuses a model too large for the browser, with the count', () => {
    const spec = presetSpec('mnist-mlp');
    spec.model.layers = [flatten, dense(4096), dense(4096), dense(4096)];
    expect(messages(spec)[0]).toMatch(/^The model has 36,\d{3},\d{3} parameters; the sandbox allows 20,000,000/);
  });

  it('warns, without refusing, when the batch is larger than the training set', () => {
    const spec = presetSpec('spiral-mlp');
    spec.training.batchSize = 4000;
    const problems = validateSpec(spec);
    expect(problems.map((p) => p.severity)).toEqual(['warning']);
    expect(hasErrors(problems)).toBe(false);
  });
});
