// Which models the live network diagram can draw, and why not otherwise. The diagram (as TensorFlow
// Playground's) draws every neuron's output over the 2D plane of the inputs, so it needs a dense MLP on a
// dataset with such a plane, of a size a page can hold. tfjs-free: the page reads it to say why nothing is drawn.
import { datasetInfo } from '../../data/catalog';
import type { ExperimentSpec } from './spec';

export const DIAGRAM_LIMITS = {
  /** Input columns drawn as neurons (the plane's coordinates are two of them). */
  inputs: 8,
  /** Hidden dense layers drawn as columns. */
  hiddenLayers: 8,
  /** Units drawn per layer: a wider layer shows its first ones, and says so. */
  drawnUnits: 16,
  /** Widest layer allowed: the pass over the plane's grid grows with units², and it runs while training. */
  units: 256,
} as const;

export type DiagramSupport = { drawable: true } | { drawable: false; reason: string };

/** Whether the diagram can draw `spec`'s model, or a sentence saying why not and what would make it drawable. */
export function diagramSupport(spec: ExperimentSpec): DiagramSupport {
  const info = datasetInfo(spec.dataset);
  const no = (reason: string): DiagramSupport => ({ drawable: false, reason });
  if (info.inputShape.length !== 1 || info.inputShape[0] > DIAGRAM_LIMITS.inputs) {
    return no(`The network diagram draws models with at most ${DIAGRAM_LIMITS.inputs} inputs; ${info.title} has ${info.inputShape.join('×')}. Choose a 2D set (spiral, circle, …) to see it.`);
  }
  if (info.inputShape[0] !== 2) {
    return no(`The network diagram draws each neuron's output over the plane of two inputs; ${info.title} has ${info.inputShape[0]} columns. Choose a 2D set (spiral, circle, …) or a table of two columns.`);
  }
  if (info.task === 'classification' && info.classNames.length !== 2) {
    return no(`The network diagram draws one output, P(class 1), so it needs two classes; ${info.title} has ${info.classNames.length}.`);
  }
  const layers = spec.model.layers;
  const other = layers.findIndex((l) => l.type !== 'dense' && l.type !== 'dropout');
  if (other >= 0) {
    return no(`The network diagram draws dense layers (and dropout, which does nothing at inference); layer ${other + 1} is ${layers[other].type}. Remove it to see the diagram.`);
  }
  const dense = layers.flatMap((l) => (l.type === 'dense' ? [l] : []));
  if (dense.length > DIAGRAM_LIMITS.hiddenLayers) {
    return no(`The network diagram draws at most ${DIAGRAM_LIMITS.hiddenLayers} hidden layers; this model has ${dense.length}.`);
  }
  const widest = Math.max(0, ...dense.map((l) => l.units));
  if (widest > DIAGRAM_LIMITS.units) {
    return no(`The network diagram is computed while training, for layers of up to ${DIAGRAM_LIMITS.units} units; this model has a layer of ${widest}.`);
  }
  return { drawable: true };
}
