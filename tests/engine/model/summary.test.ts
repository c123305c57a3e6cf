import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model/build';
import { batchNorm, conv2d, dense, dropout, flatten, maxPool, presetSpec } from '../../../src/engine/model/presets';
import type { Conv2dLayer } from '../../../src/engine/model/spec';
import { summarize } from '../../../src/engine/model/summary';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('summarize', () => {
  it('counts parameters by the formulas: dense in·units + units, conv k²·cin·filters + filters, batch norm 4·channels', () => {
    const spec = presetSpec('mnist-cnn');
    const same: Conv2dLayer = { ...conv2d(6, 5), padding: 'same' };
    spec.model.layers = [same, batchNorm, maxPool(), conv2d(16, 3), dropout(0.2), flatten, dense(32)];
    const s = summarize(spec);
    expect(s.layers.map((l) => l.outputShape)).toEqual([[28, 28, 6], [28, 28, 6], [14, 14, 6], [12, 12, 16], [12, 12, 16], [2304], [32], [10]]);
    expect(s.layers.map((l) => l.params)).toEqual([
      5 * 5 * 1 * 6 + 6, 4 * 6, 0, 3 * 3 * 6 * 16 + 16, 0, 0, 2304 * 32 + 32, 32 * 10 + 10,
    ]);
    expect(s.trainableParams).toBe(s.totalParams - 2 * 6); // moving mean and variance do not train
  });

  it('agrees with tfjs, layer by layer, for every preset', () => {
    for (const id of ['spiral-mlp', 'bumps-regression', 'mnist-mlp', 'mnist-cnn', 'fashion-cnn']) {
      const spec = presetSpec(id);
      const model = buildModel(spec);
      const ours = summarize(spec);
      expect(ours.layers.map((l) => l.params), id).toEqual(model.layers.map((l) => l.countParams()));
      expect(ours.layers.map((l) => l.outputShape), id).toEqual(model.layers.map((l) => (l.outputShape as number[]).slice(1)));
      expect(ours.totalParams, id).toBe(model.countParams());
      model.dispose();
    }
  });

  it('computes strided and same-padded shapes as tfjs does', () => {
    const spec = presetSpec('mnist-cnn');
    spec.model.layers = [{ ...conv2d(4, 3), strides: 2 }, { ...conv2d(4, 4), strides: 3, padding: 'same' }, { type: 'averagePooling2d', poolSize: 2, strides: 1 }, flatten];
    const model = buildModel(spec);
    expect(summarize(spec).layers.map((l) => l.outputShape)).toEqual(model.layers.map((l) => (l.outputShape as number[]).slice(1)));
    model.dispose();
  });
});
