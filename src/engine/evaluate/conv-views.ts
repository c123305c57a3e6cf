// What a CNN's convolutions see: the first conv layer's filters (kernel [k, k, inChannels, filters], averaged
// over input channels) and, for one image, every conv layer's feature maps (its output after the activation),
// at most MAX_MAPS channels per layer so a wide layer still reads back small. Inference mode.
import * as tf from '@tensorflow/tfjs';
import type { Network } from '../model/network';

export const MAX_MAPS = 16;

export interface ConvFilters {
  layer: string;
  size: number;
  count: number;
  /** [count, size, size] row-major, each filter as it is (signed). */
  values: Float32Array;
}

export interface FeatureMaps {
  layer: string;
  height: number;
  width: number;
  /** Channels shown (the first MAX_MAPS). */
  count: number;
  /** [count, height, width] row-major. */
  values: Float32Array;
}

/** Null when the model has no conv layer. */
export async function firstConvFilters(network: Network): Promise<ConvFilters | null> {
  const index = network.spec.model.layers.findIndex((l) => l.type === 'conv2d');
  if (index < 0) return null;
  const kernel = network.kernels.find((k) => k.layer === network.names[index])!.kernel;
  const [size, , , count] = kernel.shape;
  // [k, k, in, filters] → mean over in → [filters, k, k]
  const t = tf.tidy(() => tf.transpose(tf.mean(kernel, 2), [2, 0, 1]));
  const values = (await t.data()) as Float32Array;
  t.dispose();
  return { layer: network.names[index], size, count, values };
}

/** `image`: one example [1, h, w, c] as the network takes it. */
export async function featureMaps(network: Network, image: tf.Tensor4D): Promise<FeatureMaps[]> {
  const captured: { index: number; maps: tf.Tensor }[] = [];
  const layers = network.spec.model.layers;
  tf.tidy(() => {
    network.forward(image, {
      training: false,
      onLayer: (index, h) => {
        if (layers[index].type !== 'conv2d') return;
        const channels = h.shape[3]!;
        const kept = tf.slice(h, [0, 0, 0, 0], [1, -1, -1, Math.min(MAX_MAPS, channels)]);
        captured.push({ index, maps: tf.keep(tf.transpose(tf.squeeze(kept, [0]), [2, 0, 1])) });
      },
    });
  });
  try {
    const values = await Promise.all(captured.map((c) => c.maps.data()));
    return captured.map(({ index, maps }, i) => {
      const [count, height, width] = maps.shape;
      return { layer: network.names[index], count, height, width, values: values[i] as Float32Array };
    });
  } finally {
    tf.dispose(captured.map((c) => c.maps));
  }
}
