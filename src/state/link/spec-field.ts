// One spec field as a link key: how it is written, read back, and for which kinds of dataset it applies.
import type { DatasetKind } from '../../engine/model/field-paths';
import type { ExperimentSpec } from '../../engine/model/spec';

export interface SpecField {
  key: string;
  /** Only for these kinds of dataset: the key is refused on the others. */
  kinds?: DatasetKind[];
  /**
   * The value a link may leave out, written as text. Frozen as part of the v1 format rather than read from
   * TECHNIQUE_DEFAULTS or the presets, so a link keeps its meaning when a default changes. Fields without it
   * (the dataset's size and noise, the layers, the core training settings) are always written.
   */
  omitted?: string;
  encode: (spec: ExperimentSpec) => string;
  /** Writes the value into spec, or returns why it cannot and leaves spec as it was. */
  apply: (spec: ExperimentSpec, text: string) => string | undefined;
}
