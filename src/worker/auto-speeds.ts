// Auto's measured speeds, remembered per model and training settings for this page, so a reset or a second run
// of the same model starts at once instead of timing every backend again.
import type { BackendSpeed, SpeedTrial } from '../engine/backend';
import type { ExperimentSpec } from '../engine/model/spec';
import { timeTrainingSteps } from '../engine/train/speed-trial';
import type { Dataset } from '../data/dataset';

export class AutoSpeeds {
  readonly #speeds = new Map<string, BackendSpeed[]>();

  /** The speed trial for this run's model: a backend timed before for the same settings is not timed again. */
  trial(spec: ExperimentSpec, dataset: Dataset): SpeedTrial {
    const { optimizer, batchSize, precision } = spec.training;
    const key = JSON.stringify([spec.dataset.name, spec.model, optimizer, batchSize, precision]);
    return async (name, budgetMs) => {
      const cached = this.#speeds.get(key)?.find((s) => s.name === name);
      if (cached) return cached;
      const speed = await timeTrainingSteps(name, spec, dataset, budgetMs);
      this.#speeds.set(key, [...(this.#speeds.get(key) ?? []), speed]);
      return speed;
    };
  }
}
