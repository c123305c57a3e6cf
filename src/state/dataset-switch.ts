// What switching dataset does to the model, as plain data so it can be tested without the page. A model made
// for a dataset comes back when that dataset is picked again; otherwise the current model is kept when it still
// fits the new data, and only a model that cannot take the new data is replaced by the new data's preset model,
// with a message saying so.
import { datasetInfo, isImageDataset, type DatasetName, type ImageDatasetName } from '../data/catalog';
import { presetSpec } from '../engine/model/presets';
import type { DatasetSpec, ExperimentSpec, ImageDatasetSpec, LayerSpec } from '../engine/model/spec';
import { hasErrors, validateSpec } from '../engine/model/validate';

export type ModelOutcome = 'kept' | 'restored' | 'replaced';

export interface DatasetSwitch {
  spec: ExperimentSpec;
  model: ModelOutcome;
  /** What happened to the model, in words; null when nothing needs saying (the model was kept). */
  message: string | null;
}

/** The preset made for each kind of data: what a model that cannot take the new data is replaced by. */
function presetFor(name: DatasetName): ExperimentSpec {
  return presetSpec(isImageDataset(name) ? (name === 'mnist' ? 'mnist-cnn' : 'fashion-cnn') : name === 'bumps' ? 'bumps-regression' : 'spiral-mlp');
}

/** MNIST ships 8,000 training and 2,000 test digits; Fashion-MNIST 60,000 and 10,000. */
function imageSizes(name: ImageDatasetName, current: ImageDatasetSpec) {
  const [train, test] = name === 'mnist' ? [8000, 2000] : [60000, 10000];
  return { trainSize: Math.min(current.trainSize, train), testSize: Math.min(current.testSize, test) };
}

/** The dataset part: within a kind the settings carry over; across kinds, the new data's preset settings. */
function datasetFor(current: DatasetSpec, name: DatasetName): DatasetSpec {
  const nowImages = isImageDataset(name);
  if (nowImages === (current.kind === 'images')) {
    const sizes = nowImages ? imageSizes(name, current as ImageDatasetSpec) : {};
    return { ...current, ...sizes, name } as DatasetSpec;
  }
  return { ...presetFor(name).dataset, name } as DatasetSpec;
}

const fits = (spec: ExperimentSpec) => !hasErrors(validateSpec(spec));

/**
 * Switches `spec` to dataset `name`. `remembered` holds the model last used with each dataset (the caller keeps
 * it): that model comes back when it still fits.
 */
export function switchDataset(spec: ExperimentSpec, name: DatasetName, remembered: Partial<Record<DatasetName, LayerSpec[]>> = {}): DatasetSwitch {
  const dataset = datasetFor(spec.dataset, name);
  const back = remembered[name];
  if (back) {
    const restored = { ...spec, dataset, model: { ...spec.model, layers: structuredClone(back) } };
    if (fits(restored)) {
      const same = JSON.stringify(back) === JSON.stringify(spec.model.layers);
      return { spec: restored, model: same ? 'kept' : 'restored', message: same ? null : `Your earlier model for ${datasetInfo(name).title} is back.` };
    }
  }
  const kept = { ...spec, dataset };
  if (fits(kept)) return { spec: kept, model: 'kept', message: null };
  const preset = presetFor(name);
  return {
    spec: { ...spec, dataset, model: structuredClone(preset.model) },
    model: 'replaced',
    message: `Your model cannot take ${datasetInfo(name).title} (${problemWords(kept)}), so it was replaced by the ${datasetInfo(name).title} preset's model. Undo brings yours back with the old dataset.`,
  };
}

/** The first error of a spec that does not fit, as the reason in the message. */
function problemWords(spec: ExperimentSpec): string {
  const first = validateSpec(spec).find((p) => p.severity === 'error');
  return first ? first.message.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase()) : 'it does not fit';
}
