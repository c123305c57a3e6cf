// What the Search view's form holds (which settings vary and how, the method, the budget) and the SearchSpec it
// makes from a base experiment. Plain data, so it is kept beside the search for a reload.
import { METRICS, type SearchMetric, type SearchMethod, type SearchSpec } from '../engine/search/plan';
import { defaultDimension, PARAM_IDS, type Dimension, type ParamId } from '../engine/search/space';
import type { ExperimentSpec } from '../engine/model/spec';

export interface SearchForm {
  chosen: ParamId[];
  dimensions: Record<ParamId, Dimension>;
  method: SearchMethod['kind'];
  gridSteps: number;
  eta: number;
  minEpochs: number;
  /** The trials' epochs (halving: the last rung's). */
  epochs: number;
  trials: number;
  minutes: number;
  metric: SearchMetric;
  seed: number;
}

export function defaultForm(base: ExperimentSpec): SearchForm {
  const dimensions = Object.fromEntries(PARAM_IDS.map((id) => [id, defaultDimension(id, base)])) as Record<ParamId, Dimension>;
  const metric: SearchMetric = base.training.validationSplit > 0 ? 'val_accuracy' : 'test_accuracy';
  return {
    chosen: ['learningRate'], dimensions, method: 'random', gridSteps: 3, eta: 3, minEpochs: 1,
    epochs: base.training.epochs, trials: 8, minutes: 30, metric: METRICS.includes(metric) ? metric : 'val_loss', seed: 1,
  };
}

export function searchFrom(form: SearchForm, base: ExperimentSpec): SearchSpec {
  const method: SearchMethod = form.method === 'grid' ? { kind: 'grid', steps: form.gridSteps }
    : form.method === 'halving' ? { kind: 'halving', eta: form.eta, minEpochs: form.minEpochs } : { kind: 'random' };
  const spec = structuredClone(base);
  spec.training.epochs = form.epochs;
  return {
    base: spec, dimensions: form.chosen.map((id) => form.dimensions[id]), method,
    budget: { trials: form.trials, seconds: form.minutes * 60 }, metric: form.metric, seed: form.seed,
  };
}
