// What switching dataset does to the model, as plain data so it can be tested without the page. A model made
// for a dataset comes back when that dataset is picked again; otherwise the current model is kept when it still
// fits the new data, and only a model that cannot take the new data is replaced by the new data's preset model,
// with a message saying so.
import { datasetInfo, isBundledTable, isImageDataset, type DatasetName, type ImageDatasetName, type TableName } from '../data/catalog';
import { OWN_IMAGES_LAYERS, OWN_TABLE_LAYERS, presetSpec } from '../engine/model/presets';
import type { DatasetSpec, ExperimentSpec, ImageDatasetSpec, LayerSpec } from '../engine/model/spec';
import { hasErrors, validateSpec } from '../engine/model/validate';

export type ModelOutcome = 'kept' | 'restored' | 'replaced';

export interface DatasetSwitch {
  spec: ExperimentSpec;
  model: ModelOutcome;
  /** What happened to the model, in words; null when nothing needs saying (the model was kept). */
  message: string | null;
}

/** What the picker offers: a built-in set or bundled table by name, or own data as its whole dataset spec. */
export type DatasetChoice = DatasetName | TableName | DatasetSpec;

/** The preset made for each kind of data: what a model that cannot take the new data is replaced by. */
function presetFor(dataset: DatasetSpec): ExperimentSpec {
  switch (dataset.kind) {
    case 'images': return presetSpec(dataset.name === 'mnist' ? 'mnist-cnn' : 'fashion-cnn');
    case 'ownImages': return { ...presetSpec('mnist-cnn'), model: { layers: OWN_IMAGES_LAYERS() } };
    case 'table': return { ...presetSpec('penguins-mlp'), model: { layers: OWN_TABLE_LAYERS() } };
    default: return presetSpec(dataset.name === 'bumps' ? 'bumps-regression' : 'spiral-mlp');
  }
}

/** MNIST ships 8,000 training and 2,000 test digits; Fashion-MNIST 60,000 and 10,000. */
function imageSizes(name: ImageDatasetName, current: ImageDatasetSpec) {
  const [train, test] = name === 'mnist' ? [8000, 2000] : [60000, 10000];
  return { trainSize: Math.min(current.trainSize, train), testSize: Math.min(current.testSize, test) };
}

/**
 * The dataset part: between built-in sets of one kind the settings carry over; otherwise the new data's preset
 * settings (a bundled table's preset holds its columns), or the own data's spec as given.
 */
function datasetFor(current: DatasetSpec, choice: DatasetChoice): DatasetSpec {
  if (typeof choice !== 'string') return structuredClone(choice);
  if (isBundledTable(choice)) return structuredClone(presetSpec(choice === 'cars' ? 'cars-regression' : 'penguins-mlp').dataset);
  const nowImages = isImageDataset(choice);
  if ((nowImages && current.kind === 'images') || (!nowImages && current.kind === 'points')) {
    const sizes = nowImages ? imageSizes(choice, current as ImageDatasetSpec) : {};
    return { ...current, ...sizes, name: choice } as DatasetSpec;
  }
  const fresh = nowImages ? presetSpec(choice === 'mnist' ? 'mnist-cnn' : 'fashion-cnn') : presetSpec(choice === 'bumps' ? 'bumps-regression' : 'spiral-mlp');
  return { ...fresh.dataset, name: choice } as DatasetSpec;
}

const fits = (spec: ExperimentSpec) => !hasErrors(validateSpec(spec));

/**
 * Switches `spec` to dataset `name`. `remembered` holds the model last used with each dataset (the caller keeps
 * it): that model comes back when it still fits.
 */
export function switchDataset(spec: ExperimentSpec, choice: DatasetChoice, remembered: Record<string, LayerSpec[]> = {}): DatasetSwitch {
  const dataset = datasetFor(spec.dataset, choice);
  const title = datasetInfo(dataset).title;
  const back = remembered[dataset.name];
  if (back) {
    const restored = { ...spec, dataset, model: { ...spec.model, layers: structuredClone(back) } };
    if (fits(restored)) {
      const same = JSON.stringify(back) === JSON.stringify(spec.model.layers);
      return { spec: restored, model: same ? 'kept' : 'restored', message: same ? null : `Your earlier model for ${title} is back.` };
    }
  }
  const kept = { ...spec, dataset };
  if (fits(kept)) return { spec: kept, model: 'kept', message: null };
  const preset = presetFor(dataset);
  return {
    spec: { ...spec, dataset, model: structuredClone(preset.model) },
    model: 'replaced',
    message: `Your model cannot take ${title} (${problemWords(kept)}), so it was replaced by a model made for it. Undo brings yours back with the old dataset.`,
  };
}

/** The first error of a spec that does not fit, as the reason in the message. */
function problemWords(spec: ExperimentSpec): string {
  const first = validateSpec(spec).find((p) => p.severity === 'error');
  return first ? first.message.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase()) : 'it does not fit';
}
