// A finished search trial as a stored run (run-record.ts), so it shows in Compare beside any other run: named
// by the search, the trial and its values; its notes say the rung and the epochs it trained.
import type { BackendReport } from '../engine/backend';
import { describeParams, type SearchSpec, type Trial } from '../engine/search/plan';
import type { TrialResult } from '../engine/search/schedule';
import type { TrialOutcome } from '../engine/search/train-trial';
import type { Evaluation } from '../worker/protocol';
import { formatTime } from './date-format';
import { findPresetTitle } from './preset-title';
import { emptyCurves, newRunId, type RunRecord } from './run-record';

export function trialRecord(search: SearchSpec, trial: Trial, result: TrialResult, curve: TrialOutcome['curve'],
  evaluation: Evaluation | null, backend: BackendReport | null, when = new Date()): RunRecord {
  const curves = emptyCurves();
  for (const c of curve) {
    if (c.loss !== null) curves.trainLoss.push({ x: c.epoch, y: c.loss });
    if (c.accuracy !== null) curves.trainAccuracy.push({ x: c.epoch, y: c.accuracy });
    if (c.valLoss !== null) curves.validationLoss.push({ x: c.epoch, y: c.valLoss });
    if (c.valAccuracy !== null) curves.validationAccuracy.push({ x: c.epoch, y: c.valAccuracy });
  }
  const spec = { ...trial.spec, training: { ...trial.spec.training, epochs: result.epochs } };
  const rung = search.method.kind === 'halving' ? `, rung ${result.rung + 1}` : '';
  return {
    id: newRunId(),
    name: `${findPresetTitle(search.base)} · search trial ${trial.index + 1}${rung} · ${describeParams(trial.params)} · ${formatTime(when)}`,
    createdAt: when.toISOString(), status: result.failed ? 'diverged' : 'finished', spec, curves, evaluation, backend,
    durationMs: Math.round(result.seconds * 1000), epochsTrained: curve.length ? curve[curve.length - 1].epoch : 0,
    notes: `Search (${search.method.kind}, seed ${search.seed}), trial ${trial.index + 1}${rung}: ${result.epochs} epochs.${result.failed ? ` ${result.failed}` : ''}`,
  };
}
