// Two ways to counter class imbalance: weigh the loss, or show minority examples more often.
import { classCounts } from '../../data/imbalance';
import { permutation, type Random } from '../../data/random';

/** scikit-learn's "balanced" class weights, as Keras's class_weight uses them: w_c = n / (classes · n_c); 0 for an absent class. */
export function balancedClassWeights(labels: Int32Array, numClasses: number): number[] {
  const counts = classCounts(labels, numClasses);
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c > 0 ? labels.length / (present * c) : 0));
}

/**
 * One epoch's example order with random oversampling: every class is topped up to the largest class's count by
 * repeating its examples (each pass over a class in a fresh random order), then everything is shuffled.
 */
export function oversampledOrder(labels: Int32Array, numClasses: number, random: Random): Int32Array {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((label, i) => byClass[label].push(i));
  const target = Math.max(...byClass.map((c) => c.length));
  const order: number[] = [];
  for (const members of byClass) {
    if (members.length === 0) continue;
    for (let taken = 0; taken < target; taken += members.length) {
      const pass = permutation(members.length, random);
      for (let k = 0; k < Math.min(members.length, target - taken); k++) order.push(members[pass[k]]);
    }
  }
  return random.shuffle(Int32Array.from(order));
}
