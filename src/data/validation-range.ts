// Which examples of the training split are held out for validation: one fold of k, or the last share (as Keras's
// validation_split). Plain arithmetic, shared by the trainer and the data preview's split counts.

export function validationRange(count: number, validationSplit: number, fold?: { index: number; folds: number }): [start: number, end: number] {
  if (fold && fold.folds > 1) {
    return [Math.floor((fold.index * count) / fold.folds), Math.floor(((fold.index + 1) * count) / fold.folds)];
  }
  return [count - Math.floor(count * validationSplit), count];
}
