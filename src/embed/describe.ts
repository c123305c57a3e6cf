// The words a widget shows about its experiment before anything runs: a title, the model in one line, the
// training in one line. Plain functions of the spec (no tfjs), so the still preview needs no worker.
import { datasetInfo } from '../data/catalog';
import type { ExperimentSpec, LayerSpec } from '../engine/model/spec';
import { summarize } from '../engine/model/summary';
import { findPresetTitle } from '../state/preset-title';

/** The preset's title, or the data and the kind of model; "no hidden layer" where the model is linear. */
export function widgetTitle(spec: ExperimentSpec): string {
  if (spec.model.layers.length > 0) return findPresetTitle(spec);
  const info = datasetInfo(spec.dataset);
  return `${info.title} · no hidden layer (${info.task === 'regression' ? 'linear' : 'logistic'} regression)`;
}

/** "16 relu", "dropout 0.3", "conv 8×5×5 relu": Keras's vocabulary, short enough for a 320 px line. */
function layerWords(layer: LayerSpec): string {
  switch (layer.type) {
    case 'dense': return `${layer.units} ${layer.activation}`;
    case 'conv2d': return `conv ${layer.filters}×${layer.kernelSize}×${layer.kernelSize} ${layer.activation}`;
    case 'maxPooling2d': return `max pool ${layer.poolSize}`;
    case 'averagePooling2d': return `avg pool ${layer.poolSize}`;
    case 'batchNormalization': return 'batch norm';
    case 'dropout': return `dropout ${layer.rate}`;
    case 'flatten': return 'flatten';
  }
}

/** "2 → 16 relu → dropout 0.3 → 2 softmax · 370 parameters" */
export function modelLine(spec: ExperimentSpec): string {
  const info = datasetInfo(spec.dataset);
  const output = info.task === 'regression' ? '1 linear' : `${info.classNames.length} softmax`;
  const parts = [info.inputShape.join('×'), ...spec.model.layers.map(layerWords), output];
  const params = summarize(spec).totalParams.toLocaleString('en');
  return `${parts.join(' → ')} · ${params} parameters`;
}

/** "600 points, noise 0.1 · 40 epochs of adam, learning rate 0.01, batch 32" */
export function trainingLine(spec: ExperimentSpec): string {
  const d = spec.dataset;
  const data = d.kind === 'points' ? `${d.numPoints.toLocaleString('en')} points, noise ${d.noise}`
    : d.kind === 'images' ? `${d.trainSize.toLocaleString('en')} training images`
    : d.kind === 'table' ? `${d.title}, ${d.rows.toLocaleString('en')} rows`
    : `${d.title}, ${d.rows.toLocaleString('en')} images`;
  const t = spec.training;
  return `${data} · ${t.epochs} ${t.epochs === 1 ? 'epoch' : 'epochs'} of ${t.optimizer}, learning rate ${t.learningRate}, batch ${t.batchSize}`;
}
