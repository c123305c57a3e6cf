// The run's final report on its test set: metrics computed from predictions read back once.
import { classificationReport, regressionReport } from '../engine/evaluate/metrics';
import type { Trainer } from '../engine/train/trainer';
import type { Evaluation } from './protocol';
import { datasetInfo } from '../data/catalog';

export async function evaluateRun(trainer: Trainer): Promise<Evaluation> {
  const { test } = trainer.data;
  const predictions = await trainer.predict(test);
  const truth = await test.y.data();
  if (trainer.network.task === 'regression') {
    return { task: 'regression', report: regressionReport(truth as Float32Array, predictions) };
  }
  const { classNames } = datasetInfo(trainer.spec.dataset);
  return { task: 'classification', report: classificationReport(truth as Int32Array, predictions, trainer.data.numClasses), classNames };
}
