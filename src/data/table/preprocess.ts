// The table pipeline's one entry point: types, fitting on training rows (fit-preprocessing.ts) and encoding
// (encode.ts), so callers import from one place.
export type { Task, MissingStrategy, TableChoice, Preprocessing, FeatureEncoding, NumericFeature, CategoryFeature } from './preprocessing-types';
export { inferTask, fitPreprocessing, targetClasses } from './fit-preprocessing';
export { encodeRows, encodeRecord, featureNames } from './encode';
