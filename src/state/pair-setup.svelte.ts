// "Compare with…": a variant of the current experiment, edited with the same panels, trained beside it.
import { pairMemoryProblem } from '../engine/model/pair-memory';
import { describeChanges } from '../engine/model/spec-diff';
import type { DatasetSpec, ExperimentSpec } from '../engine/model/spec';
import { Experiment } from './experiment.svelte';

export class PairSetup {
  variant = $state<Experiment | null>(null);
  /** Which side the settings panels edit. */
  editing = $state<'baseline' | 'variant'>('variant');

  /** Starts a comparison: the variant begins as an exact copy of the baseline. */
  begin(baseline: Experiment) {
    const variant = new Experiment();
    variant.replace($state.snapshot(baseline.spec));
    this.variant = variant;
    this.editing = 'variant';
  }

  end() {
    this.variant = null;
    this.editing = 'variant';
  }

  /** The experiment the panels edit now. */
  target(baseline: Experiment): Experiment {
    return this.variant && this.editing === 'variant' ? this.variant : baseline;
  }

  /** The variant's differences from the baseline, in words. */
  changes(baseline: Experiment): string[] {
    return this.variant ? describeChanges(baseline.spec, this.variant.spec) : [];
  }

  /**
   * Why A and B cannot train together (both live at once: their memory together over the budget), or null.
   * Only asked when each side is valid alone, so the estimate has every number it needs.
   */
  memoryProblem(baseline: Experiment): string | null {
    const v = this.variant;
    if (!v || !baseline.canTrain || !v.canTrain) return null;
    return pairMemoryProblem($state.snapshot(baseline.spec) as ExperimentSpec, $state.snapshot(v.spec) as ExperimentSpec);
  }

  /** Both sides must train on the same data for the difference to be the technique. */
  keepSameDataset(baseline: Experiment) {
    const v = this.variant;
    if (v && v.spec.dataset.name !== baseline.spec.dataset.name) v.setDataset(structuredClone($state.snapshot(baseline.spec.dataset)) as DatasetSpec);
  }
}
