// Every field of the experiment, declared once: type, default, range, label, help, link key, "what changed"
// wording and when it matters (field-kinds.ts says what each part is for). spec.ts takes the spec's types from
// these groups; validation, the link format, the stored-run check, the spec diff, the help text and the form
// controls all read them, so adding a technique is one declaration in its group's file plus the code that uses it.
// The declarations live in one file per group; this module is where every reader takes them from.
export { LAYER_FIELDS } from './layer-fields';
export { IMAGES_FIELDS, OWN_IMAGES_FIELDS, POINTS_FIELDS, TABLE_FIELDS } from './dataset-fields';
export { TRAINING_FIELDS, type TrainingFields } from './training-fields';
