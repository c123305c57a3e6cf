// End to end through the library: the bundled tables, split, fitted on the training rows and encoded, train a
// small tfjs model to a test score far better than guessing, so the encoding carries the signal (a shuffled
// column order, a one-hot off by one or test rows encoded with other statistics would show here).
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { permutation, Random } from '../../../src/data/random';
import { parseTable } from '../../../src/data/table/parse-table';
import { encodeRows, fitPreprocessing, type TableChoice } from '../../../src/data/table/preprocess';

const DIR = join(import.meta.dirname, '..', '..', '..', 'datasets', 'tables');

async function split(file: string, seed: number) {
  const table = await parseTable(readFileSync(join(DIR, file), 'utf8'), file);
  const order = permutation(table.rowCount, new Random(seed));
  const cut = Math.round(table.rowCount * 0.7);
  return { table, train: order.slice(0, cut), test: order.slice(cut) };
}

function mlp(inputs: number, outputs: number, activation: 'softmax' | 'linear'): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputs], units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dense({ units: outputs, activation, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  return model;
}

describe('the bundled tables are learnable through the pipeline (tfjs CPU backend)', () => {
  let tensorsBefore = 0;
  beforeEach(() => { tensorsBefore = tf.memory().numTensors; });
  afterEach(() => expect(tf.memory().numTensors).toBe(tensorsBefore));

  it('penguins: Species from the other six columns, test accuracy ≥ 95% (majority class: 44%)', async () => {
    const { table, train, test } = await split('penguins.csv', 1);
    const choice: TableChoice = { target: 'Species', features: ['Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'],
      task: 'classification', missing: 'median', clipOutliers: false };
    const prep = fitPreprocessing(table, choice, train);
    const a = encodeRows(prep, table, train);
    const b = encodeRows(prep, table, test);
    const model = mlp(prep.inputSize, 3, 'softmax');
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });
    const [x, y, xt] = [tf.tensor2d(a.x, [a.count, prep.inputSize]), tf.tensor1d(a.y as Int32Array, 'float32'), tf.tensor2d(b.x, [b.count, prep.inputSize])];
    await model.fit(x, y, { epochs: 60, batchSize: 32, shuffle: false, verbose: 0 });
    const predicted = tf.tidy(() => (model.predict(xt) as tf.Tensor).argMax(-1).dataSync());
    const accuracy = predicted.filter((p, i) => p === b.y[i]).length / b.count;
    console.log(`penguins: ${a.count} training rows, ${b.count} test rows (${b.dropped} dropped), test accuracy ${(accuracy * 100).toFixed(1)}%`);
    tf.dispose([x, y, xt]);
    model.optimizer.dispose(); // Adam's moment variables are not the model's
    model.dispose();
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('cars: Miles_per_Gallon from seven columns, test RMSE under half the target\'s std', async () => {
    const { table, train, test } = await split('cars.csv', 2);
    const choice: TableChoice = { target: 'Miles_per_Gallon', features: ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year', 'Origin'],
      task: 'regression', missing: 'mean', clipOutliers: false };
    const prep = fitPreprocessing(table, choice, train);
    const a = encodeRows(prep, table, train);
    const b = encodeRows(prep, table, test);
    const scaled = (y: ArrayLike<number>) => Float32Array.from(y, (v) => (v - prep.targetMean!) / prep.targetStd!);
    const model = mlp(prep.inputSize, 1, 'linear');
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const [x, y, xt] = [tf.tensor2d(a.x, [a.count, prep.inputSize]), tf.tensor2d(scaled(a.y), [a.count, 1]), tf.tensor2d(b.x, [b.count, prep.inputSize])];
    await model.fit(x, y, { epochs: 80, batchSize: 32, shuffle: false, verbose: 0 });
    const predicted = tf.tidy(() => (model.predict(xt) as tf.Tensor).dataSync());
    const rmse = Math.sqrt(Array.from(b.y).reduce((s, v, i) => s + (predicted[i] * prep.targetStd! + prep.targetMean! - v) ** 2, 0) / b.count);
    console.log(`cars: ${a.count} training rows, ${b.count} test rows (${b.dropped} dropped: no target), test RMSE ${rmse.toFixed(2)} mpg (train std ${prep.targetStd!.toFixed(2)})`);
    tf.dispose([x, y, xt]);
    model.optimizer.dispose(); // Adam's moment variables are not the model's
    model.dispose();
    expect(rmse).toBeLessThan(prep.targetStd! / 2);
  });
});
