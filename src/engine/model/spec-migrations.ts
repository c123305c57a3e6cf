// Reads a spec written by an older version of the sandbox (a stored run, an exported file) as the current
// format. Version 1 had no initializers, gradient clipping or learning-rate schedules: each missing field takes
// its declared default, which is what version 1 did (glorotUniform, no clipping, a constant rate).
import { defaultsOf, type Fields } from './field-kinds';
import { IMAGES_FIELDS, LAYER_FIELDS, POINTS_FIELDS, TRAINING_FIELDS } from './fields';
import { SPEC_VERSION } from './spec';

type Node = Record<string, unknown>;
const isObject = (v: unknown): v is Node => !!v && typeof v === 'object' && !Array.isArray(v);

/** `target` with every field it lacks taken from `defaults`, recursively; fields it has are kept as they are. */
function fill(target: Node, defaults: Node): Node {
  const out: Node = { ...target };
  for (const [key, value] of Object.entries(defaults)) {
    if (!(key in out)) out[key] = structuredClone(value);
    else if (isObject(value) && isObject(out[key])) out[key] = fill(out[key] as Node, value);
  }
  return out;
}

const DATASET_DEFAULTS: Record<string, Fields> = { points: POINTS_FIELDS, images: IMAGES_FIELDS };

/**
 * The spec in the current format, or the input untouched when it is not a version-1 spec object (the stored-run
 * check then names what is wrong). Never mutates its input.
 */
export function upgradeSpec(spec: unknown): unknown {
  if (!isObject(spec) || spec.version !== 1) return spec;
  const { dataset, model, training } = spec;
  const datasetFields = isObject(dataset) ? DATASET_DEFAULTS[dataset.kind as string] : undefined;
  const layers = isObject(model) && Array.isArray(model.layers) ? model.layers : undefined;
  return {
    ...spec,
    version: SPEC_VERSION,
    dataset: datasetFields && isObject(dataset) ? fill(dataset, defaultsOf(datasetFields)) : dataset,
    model: layers ? {
      ...(model as Node),
      layers: layers.map((layer) => {
        const fields = isObject(layer) ? (LAYER_FIELDS as Record<string, Fields>)[layer.type as string] : undefined;
        return fields && isObject(layer) ? fill(layer, defaultsOf(fields)) : layer;
      }),
    } : model,
    training: isObject(training) ? fill(training, defaultsOf(TRAINING_FIELDS)) : training,
  };
}
