// The experiment being edited: one ExperimentSpec, its validation and its layer summary, derived.
import { isImageDataset, type DatasetName, type ImageDatasetName } from '../data/catalog';
import { DEFAULT_PRESET, findPreset, presetSpec, PRESETS } from '../engine/model/presets';
import type { DatasetSpec, ExperimentSpec, ImageDatasetSpec, LayerSpec } from '../engine/model/spec';
import { summarize } from '../engine/model/summary';
import { hasErrors, validateSpec } from '../engine/model/validate';
import { newLayer } from './layer-defaults';

export class Experiment {
  spec = $state<ExperimentSpec>(presetSpec(DEFAULT_PRESET.id));
  /** The preset the spec came from, until the user edits it. */
  presetId = $state<string | null>(DEFAULT_PRESET.id);
  problems = $derived(validateSpec(this.spec));
  summary = $derived(summarize(this.spec));
  canTrain = $derived(!hasErrors(this.problems));

  loadPreset(id: string) {
    if (!findPreset(id)) return;
    this.spec = presetSpec(id);
    this.presetId = id;
  }

  /** Replaces the whole spec (a restored link, an imported run). */
  replace(spec: ExperimentSpec) {
    this.spec = structuredClone(spec);
    this.presetId = PRESETS.find((p) => sameExperiment(p.spec, spec))?.id ?? null;
  }

  /**
   * Switches dataset. Within a kind (points ↔ points, images ↔ images) the settings carry over; across kinds,
   * the dataset and model of the preset made for the new data are taken, since the old model cannot take it.
   */
  setDataset(name: DatasetName) {
    const current = this.spec.dataset;
    const nowImages = isImageDataset(name);
    if (nowImages === (current.kind === 'images')) {
      const sizes = nowImages ? imageSizes(name, current as ImageDatasetSpec) : {};
      this.spec.dataset = { ...current, ...sizes, name } as DatasetSpec;
    } else {
      const preset = presetSpec(nowImages ? (name === 'mnist' ? 'mnist-cnn' : 'fashion-cnn') : name === 'bumps' ? 'bumps-regression' : 'spiral-mlp');
      this.spec.dataset = { ...preset.dataset, name } as DatasetSpec;
      this.spec.model = preset.model;
    }
    this.presetId = null;
  }

  insertLayer(type: LayerSpec['type'], index = this.spec.model.layers.length) {
    this.spec.model.layers.splice(index, 0, newLayer(type));
    this.presetId = null;
  }

  removeLayer(index: number) {
    this.spec.model.layers.splice(index, 1);
    this.presetId = null;
  }

  moveLayer(index: number, by: -1 | 1) {
    const layers = this.spec.model.layers;
    const to = index + by;
    if (to < 0 || to >= layers.length) return;
    [layers[index], layers[to]] = [layers[to], layers[index]];
    this.presetId = null;
  }

  /** The rate of the dropout layer right after layer `index`, or 0 when there is none. */
  dropoutAfter(index: number): number {
    const next = this.spec.model.layers[index + 1];
    return next?.type === 'dropout' ? next.rate : 0;
  }

  /** Sets, adds or (at 0) removes the dropout layer right after layer `index`. */
  setDropoutAfter(index: number, rate: number) {
    const layers = this.spec.model.layers;
    const next = layers[index + 1];
    if (next?.type === 'dropout') {
      if (rate > 0) next.rate = rate;
      else layers.splice(index + 1, 1);
    } else if (rate > 0) {
      layers.splice(index + 1, 0, { type: 'dropout', rate });
    }
    this.presetId = null;
  }

  /** The same kernel penalty on every dense and conv2d layer. */
  regularizeAll(kind: 'none' | 'l1' | 'l2' | 'l1l2', rate: number) {
    for (const layer of this.spec.model.layers) {
      if (layer.type !== 'dense' && layer.type !== 'conv2d') continue;
      layer.l1 = kind === 'l1' || kind === 'l1l2' ? rate : 0;
      layer.l2 = kind === 'l2' || kind === 'l1l2' ? rate : 0;
    }
    this.presetId = null;
  }

  /** Marks the spec as edited by hand (called by inputs that write into spec directly). */
  edited() {
    this.presetId = null;
  }

}

/** MNIST ships 8,000 training and 2,000 test digits; Fashion-MNIST 60,000 and 10,000. */
function imageSizes(name: ImageDatasetName, current: ImageDatasetSpec) {
  const [train, test] = name === 'mnist' ? [8000, 2000] : [60000, 10000];
  return { trainSize: Math.min(current.trainSize, train), testSize: Math.min(current.testSize, test) };
}

/** Equal but for the backend, which says where to run, not what to run. */
function sameExperiment(a: ExperimentSpec, b: ExperimentSpec): boolean {
  const strip = (s: ExperimentSpec) => JSON.stringify({ ...s, training: { ...s.training, backend: 'auto' } });
  return strip(a) === strip(b);
}
