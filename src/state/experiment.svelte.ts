// The experiment being edited: one ExperimentSpec, its validation and its layer summary, derived; and an undo
// step for every edit that throws something away (a dataset switch, a preset, a removed layer, a penalty set on
// every layer).
import { DEFAULT_PRESET, findPreset, presetSpec, PRESETS } from '../engine/model/presets';
import type { ExperimentSpec, LayerSpec } from '../engine/model/spec';
import { summarize } from '../engine/model/summary';
import { hasErrors, validateSpec } from '../engine/model/validate';
import { newLayer } from './layer-defaults';
import { switchDataset, type DatasetChoice } from './dataset-switch';
import { layerNames } from '../engine/model/summary';

/** An edit that can be taken back: what it did, in words, and the experiment before it. */
export interface UndoStep {
  what: string;
  spec: ExperimentSpec;
  presetId: string | null;
  /** performance.now() when it was taken: a run of the same edit (typing a penalty rate) is one step. */
  at: number;
  /** What else undoing it puts back (the lesson and A/B pair a link replaced). */
  restore?: () => void;
}

const UNDO_DEPTH = 20;

export class Experiment {
  spec = $state<ExperimentSpec>(presetSpec(DEFAULT_PRESET.id));
  /** The preset the spec came from, until the user edits it. */
  presetId = $state<string | null>(DEFAULT_PRESET.id);
  problems = $derived(validateSpec(this.spec));
  summary = $derived(summarize(this.spec));
  canTrain = $derived(!hasErrors(this.problems));
  /** Edits that threw something away, newest last. */
  undoSteps = $state.raw<UndoStep[]>([]);
  /** What the last such edit did to the model, when it needs saying (a model replaced on a dataset switch). */
  notice = $state<string | null>(null);
  /** The model last used with each dataset, so switching away and back brings it back. */
  #modelFor: Record<string, LayerSpec[]> = {};

  /** Remembers the experiment before an edit that throws something away. */
  #checkpoint(what: string, coalesce = false, restore?: () => void) {
    const at = performance.now();
    const last = this.undoSteps.at(-1);
    if (coalesce && last && last.what === what && at - last.at < 3000) return;
    const step = { what, spec: structuredClone($state.snapshot(this.spec)) as ExperimentSpec, presetId: this.presetId, at, restore };
    this.undoSteps = [...this.undoSteps, step].slice(-UNDO_DEPTH);
    this.notice = null;
  }

  /** Takes back the newest edit that threw something away. */
  undo() {
    const step = this.undoSteps.at(-1);
    if (!step) return;
    this.undoSteps = this.undoSteps.slice(0, -1);
    this.spec = step.spec;
    this.presetId = step.presetId;
    this.notice = null;
    step.restore?.();
  }

  loadPreset(id: string) {
    const preset = findPreset(id);
    if (!preset) return;
    this.#checkpoint(`loaded the preset ${preset.title}`);
    this.spec = presetSpec(id);
    this.presetId = id;
  }

  /**
   * Replaces the whole spec (a restored link, an imported run). With `what`, a different experiment on screen can
   * be undone ("opened a link"), `restore` putting back what else went with it.
   */
  replace(spec: ExperimentSpec, what?: string, restore?: () => void) {
    if (what && JSON.stringify(spec) !== JSON.stringify($state.snapshot(this.spec))) this.#checkpoint(what, false, restore);
    this.spec = structuredClone(spec);
    this.presetId = PRESETS.find((p) => sameExperiment(p.spec, spec))?.id ?? null;
  }

  /**
   * Switches dataset (dataset-switch.ts): the model stays when it fits the new data, the model last used with
   * that dataset comes back, and a model that cannot take the data is replaced with a notice. Undo goes back.
   */
  setDataset(choice: DatasetChoice) {
    const from = this.spec.dataset.name;
    if (choice === from || (typeof choice !== 'string' && JSON.stringify(choice) === JSON.stringify($state.snapshot(this.spec.dataset)))) return;
    const current = $state.snapshot(this.spec) as ExperimentSpec;
    this.#checkpoint(`switched the dataset`);
    this.#modelFor[from] = structuredClone(current.model.layers);
    const result = switchDataset(current, choice, this.#modelFor);
    this.spec = result.spec;
    this.notice = result.message;
    this.presetId = null;
  }

  insertLayer(type: LayerSpec['type'], index = this.spec.model.layers.length) {
    this.spec.model.layers.splice(index, 0, newLayer(type));
    this.presetId = null;
  }

  removeLayer(index: number) {
    const name = layerNames(this.spec.model.layers)[index];
    this.#checkpoint(`removed ${name ?? 'a layer'}`);
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
      else {
        this.#checkpoint('removed a dropout layer');
        layers.splice(index + 1, 1);
      }
    } else if (rate > 0) {
      layers.splice(index + 1, 0, { type: 'dropout', rate });
    }
    this.presetId = null;
  }

  /** The same kernel penalty on every dense and conv2d layer. */
  regularizeAll(kind: 'none' | 'l1' | 'l2' | 'l1l2', rate: number) {
    this.#checkpoint(kind === 'none' ? 'removed the penalty from every layer' : 'set the same penalty on every layer', true);
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

/** Equal but for the backend, which says where to run, not what to run. */
function sameExperiment(a: ExperimentSpec, b: ExperimentSpec): boolean {
  const strip = (s: ExperimentSpec) => JSON.stringify({ ...s, training: { ...s.training, backend: 'auto' } });
  return strip(a) === strip(b);
}
