// A sensible new layer of each type, for the "add layer" menu.
import type { LayerSpec } from '../engine/model/spec';

export function newLayer(type: LayerSpec['type']): LayerSpec {
  switch (type) {
    case 'dense': return { type, units: 16, activation: 'relu', l1: 0, l2: 0 };
    case 'conv2d': return { type, filters: 16, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', l1: 0, l2: 0 };
    case 'maxPooling2d': return { type, poolSize: 2, strides: 2 };
    case 'averagePooling2d': return { type, poolSize: 2, strides: 2 };
    case 'batchNormalization': return { type };
    case 'dropout': return { type, rate: 0.25 };
    case 'flatten': return { type };
  }
}
