// The experiment being edited: one ExperimentSpec, its validation and its layer summary, derived.
import { isImageDataset, type DatasetName } from '../data/catalog';
import { DEFAULT_PRESET, findPreset, presetSpec, PRESETS } from '../engine/presets';
import type { ExperimentSpec, LayerSpec } from '../engine/spec';
import { summarize } from '../engine/summary';
import { hasErrors, validateSpec } from '../engine/validate';
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

  /** Switches dataset; a model that cannot take the new input is swapped for the preset that suits it. */
  setDataset(name: DatasetName) {
    const wasImages = this.spec.dataset.kind === 'images';
    if (isImageDataset(name)) {
      const current = this.spec.dataset;
      this.spec.dataset = { kind: 'images', name, trainSize: current.kind === 'images' ? current.trainSize : name === 'mnist' ? 8000 : 20000, testSize: current.kind === 'images' ? current.testSize : 2000 };
      if (!wasImages) this.spec.model = presetSpec(name === 'mnist' ? 'mnist-cnn' : 'fashion-cnn').model;
      if (name === 'mnist' && this.spec.dataset.trainSize > 8000) this.spec.dataset.trainSize = 8000;
      if (name === 'mnist' && this.spec.dataset.testSize > 2000) this.spec.dataset.testSize = 2000;
    } else {
      const current = this.spec.dataset;
      this.spec.dataset = current.kind === 'points' ? { ...current, name } : { ...presetSpec('spiral-mlp').dataset, name } as ExperimentSpec['dataset'];
      if (wasImages) this.spec.model = presetSpec(name === 'bumps' ? 'bumps-regression' : 'spiral-mlp').model;
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

  /** Marks the spec as edited by hand (called by inputs that write into spec directly). */
  edited() {
    this.presetId = null;
  }

}

/** Equal but for the backend, which says where to run, not what to run. */
function sameExperiment(a: ExperimentSpec, b: ExperimentSpec): boolean {
  const strip = (s: ExperimentSpec) => JSON.stringify({ ...s, training: { ...s.training, backend: 'auto' } });
  return strip(a) === strip(b);
}
