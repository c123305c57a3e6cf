// Conv views against direct computations: the filters are the kernel averaged over input channels, and the first
// layer's feature maps equal tf.conv2d of the image with the kernel, bias added and ReLU applied, computed here.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureMaps, firstConvFilters, MAX_MAPS } from '../../../src/engine/evaluate/conv-views';
import { Network } from '../../../src/engine/model/network';
import { presetSpec } from '../../../src/engine/model/presets';
import { Random } from '../../../src/data/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('conv views', () => {
  it('reads the first layer\'s filters and each conv layer\'s feature maps for one image', async () => {
    const network = new Network(presetSpec('mnist-cnn')); // conv 8×5×5 'same', pool, conv 16×5×5 'valid'
    const random = new Random(4);
    const image = tf.tensor4d(Float32Array.from({ length: 784 }, () => random.next()), [1, 28, 28, 1]);
    const before = tf.memory().numTensors;
    const filters = await firstConvFilters(network);
    const maps = await featureMaps(network, image);
    expect(tf.memory().numTensors).toBe(before);

    const kernel = network.kernels[0].kernel;
    const k = kernel.arraySync() as number[][][][];
    expect(filters).toMatchObject({ layer: network.names[0], size: 5, count: 8 });
    expect(filters!.values[3 * 25 + 2 * 5 + 4]).toBeCloseTo(k[2][4][0][3], 6); // filter 3, row 2, column 4

    expect(maps.map((m) => [m.layer, m.count, m.height, m.width])).toEqual([[network.names[0], 8, 28, 28], [network.names[2], Math.min(16, MAX_MAPS), 10, 10]]);
    const bias = network.trainable[1];
    const expected = tf.tidy(() => tf.relu(tf.add(tf.conv2d(image, kernel as tf.Tensor4D, 1, 'same'), bias)).arraySync()) as number[][][][];
    for (const [c, y, x] of [[0, 0, 0], [5, 13, 20], [7, 27, 3]]) {
      expect(maps[0].values[c * 784 + y * 28 + x]).toBeCloseTo(expected[0][y][x][c], 5);
    }
    image.dispose();
    network.dispose();
  });

  it('has no filters for a model without conv layers', async () => {
    const network = new Network(presetSpec('mnist-mlp'));
    expect(await firstConvFilters(network)).toBeNull();
    network.dispose();
  });
});
