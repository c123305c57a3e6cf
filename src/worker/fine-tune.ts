// Continue training a saved or loaded model (fine-tune): the run is built from the page's spec as any run is,
// then the model's weights are copied into its network layer by layer, and the chosen layers are frozen. The
// spec's dataset may be another than the model was trained on, as long as the input shape is the same; where
// its number of classes differs, the output layer starts afresh and the page is told.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentSpec } from '../engine/model/spec';
import type { Network } from '../engine/model/network';
import { loadFromBrowser } from '../engine/export/model-storage';
import type { Post } from './arm';
import type { ArmStart } from './run-start';
import type { FineTuneSource } from './protocol';

/** One layer's weights as plain arrays, read off the device before the run's backend is chosen. */
interface LayerWeights { shapes: number[][]; values: Float32Array[] }

/** What to continue from, in words: "saved: my-model", or the loaded model's source. */
export function sourceTitle(source: FineTuneSource, loadedTitle: string | null): string {
  return source.kind === 'saved' ? `saved: ${source.name}` : loadedTitle ?? 'the loaded model';
}

/**
 * Reads the model's weights (its layers that have any, in order) into plain arrays. A saved model is loaded
 * and disposed here; the loaded one stays the exporter's.
 */
export async function readModelWeights(source: FineTuneSource, loaded: tf.LayersModel | null): Promise<LayerWeights[]> {
  if (source.kind === 'loaded' && !loaded) throw new Error('No model is loaded: load one from files or from the saved models first, then continue training it');
  // the first command of a page may come before any backend is set: tfjs would then start the highest priority
  // one (WebGPU) just to hold these weights for a moment; the CPU does, and the run then picks its own
  if (source.kind === 'saved' && !tf.engine().backendName) await tf.setBackend('cpu');
  const model = source.kind === 'saved' ? await loadFromBrowser(source.name) : loaded!;
  try {
    const layers: LayerWeights[] = [];
    for (const layer of model.layers) {
      const weights = layer.weights.map((w) => w.read());
      if (weights.length === 0) continue;
      layers.push({ shapes: weights.map((w) => w.shape), values: await Promise.all(weights.map(async (w) => (await w.data()) as Float32Array)) });
    }
    return layers;
  } finally {
    if (source.kind === 'saved') model.dispose();
  }
}

const shapesText = (shapes: number[][]) => shapes.map((s) => `[${s.join(', ')}]`).join(' ');

/**
 * Copies `from` into the network's variables, layer by layer among the layers that have weights. Refuses a
 * hidden layer whose shapes differ, naming it and both shapes; an output layer of another size is left as
 * built (returned as a note in words).
 */
export function copyModelWeights(network: Network, from: LayerWeights[], spec: ExperimentSpec): string | null {
  const targets = network.model.layers.map((layer, i) => ({ name: network.names[i], variables: layer.weights.map((w) => w.read() as tf.Variable) }))
    .filter((t) => t.variables.length > 0);
  if (targets.length !== from.length) {
    throw new Error(`The model has ${from.length} layers with weights and the Train view's model ${targets.length}: ` +
      'set the Train view\'s layers to the ones the model was trained with (its preset), keeping only the dataset you want');
  }
  let note: string | null = null;
  targets.forEach((target, i) => {
    const want = target.variables.map((v) => v.shape);
    if (shapesText(want) === shapesText(from[i].shapes)) return;
    const output = i === targets.length - 1;
    if (output && shapesText(want.map((s) => s.slice(0, -1))) === shapesText(from[i].shapes.map((s) => s.slice(0, -1)))) {
      note = `the output layer starts afresh: the model gives ${from[i].shapes[0].at(-1)} outputs and ${spec.dataset.name} needs ${want[0].at(-1)}`;
      return;
    }
    throw new Error(`The model's layer ${i + 1} (${target.name} here) has weights ${shapesText(from[i].shapes)} and the Train view's ${shapesText(want)}: ` +
      'continue training on a dataset with the same input shape, with the layers the model was trained with');
  });
  targets.forEach((target, i) => {
    if (note && i === targets.length - 1) return;
    target.variables.forEach((v, j) => tf.tidy(() => v.assign(tf.tensor(from[i].values[j], from[i].shapes[j]))));
  });
  return note;
}

/** The start of a fine-tune: the model's weights copied into the arm, `frozenLayers` held, the page told. */
export function fineTuneStart(runId: number, spec: ExperimentSpec, from: LayerWeights[], frozenLayers: number[], title: string, post: Post): ArmStart {
  return {
    frozenLayers,
    prime: (arm) => {
      const note = copyModelWeights(arm.trainer.network, from, spec);
      const frozen = frozenLayers.map((i) => arm.trainer.network.names[i]);
      post({ type: 'fineTune', runId, source: title, frozen, note });
      void arm.sendViews(); // the boundary or predictions of the model's weights, not of the fresh ones
    },
  };
}
