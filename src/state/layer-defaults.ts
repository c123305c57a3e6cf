// A sensible new layer of each type, for the "add layer" menu: every setting at its declared default.
import { defaultsOf } from '../engine/model/field-kinds';
import { LAYER_FIELDS } from '../engine/model/fields';
import type { LayerSpec } from '../engine/model/spec';

export function newLayer(type: LayerSpec['type']): LayerSpec {
  return { type, ...defaultsOf(LAYER_FIELDS[type]) } as LayerSpec;
}
