// Which examples a per-class gallery shows: the first few of each class, in dataset order, so the same data
// always shows the same pictures. (Counts per class: classCounts in ../imbalance.ts.)

/** Up to `perClass` example indices for each class: result[c] lists indices i with y[i] === c, ascending. */
export function galleryIndices(y: ArrayLike<number>, classCount: number, perClass: number): number[][] {
  const picked: number[][] = Array.from({ length: classCount }, () => []);
  let full = 0;
  for (let i = 0; i < y.length && full < classCount; i++) {
    const label = y[i];
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new RangeError(`example ${i} has class ${label}, outside 0..${classCount - 1}`);
    }
    const list = picked[label];
    if (list.length < perClass && list.push(i) === perClass) full++;
  }
  return picked;
}

