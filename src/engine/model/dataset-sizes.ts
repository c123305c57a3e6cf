// How many training and test examples a dataset spec asks for, before any row is dropped for a missing value or
// held out for validation: what the estimates and the size checks count with.
import type { DatasetSpec } from './spec';

export function datasetSizes(d: DatasetSpec): { train: number; test: number } {
  if (d.kind === 'images') return { train: d.trainSize, test: d.testSize };
  const total = d.kind === 'points' ? d.numPoints : d.rows;
  const train = Math.round(total * d.trainRatio);
  return { train, test: total - train };
}
