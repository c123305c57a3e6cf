// Makes a balanced training split imbalanced, for the lesson on class imbalance. Test sets stay untouched.
import type { Split } from './dataset';

/**
 * Keeps only the first round(keep · n) examples of `minorityClass` (n of them in the split) and every example
 * of the other classes, in their order. The shipped files are stored shuffled, so "the first" is a fair sample.
 */
export function makeImbalanced(split: Split, minorityClass: number, keep: number, exampleSize: number): Split {
  if (keep >= 1 || split.y instanceof Float32Array) return split;
  const labels = split.y;
  let minority = 0;
  for (let i = 0; i < split.count; i++) if (labels[i] === minorityClass) minority++;
  const allowed = Math.round(minority * keep);
  const kept: number[] = [];
  let seen = 0;
  for (let i = 0; i < split.count; i++) {
    if (labels[i] !== minorityClass || seen++ < allowed) kept.push(i);
  }
  const x = new (split.x.constructor as Float32ArrayConstructor | Uint8ArrayConstructor)(kept.length * exampleSize);
  const y = new Int32Array(kept.length);
  kept.forEach((from, to) => {
    x.set(split.x.subarray(from * exampleSize, (from + 1) * exampleSize), to * exampleSize);
    y[to] = labels[from];
  });
  return { x, y, count: kept.length };
}

/** Examples per class, for labels 0..numClasses-1. */
export function classCounts(labels: Int32Array, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}
