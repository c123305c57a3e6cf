// The title of the preset a spec came from, or a description of its data and model when it came from none.
import { datasetInfo } from '../data/catalog';
import { PRESETS } from '../engine/model/presets';
import type { ExperimentSpec } from '../engine/model/spec';

export function findPresetTitle(spec: ExperimentSpec): string {
  const same = (a: ExperimentSpec, b: ExperimentSpec) =>
    JSON.stringify({ ...a, training: { ...a.training, backend: 'auto' } }) === JSON.stringify({ ...b, training: { ...b.training, backend: 'auto' } });
  const preset = PRESETS.find((p) => same(p.spec, spec));
  if (preset) return preset.title;
  const kind = spec.model.layers.some((l) => l.type === 'conv2d') ? 'CNN' : 'MLP';
  return `${datasetInfo(spec.dataset).title} · ${kind}`;
}
