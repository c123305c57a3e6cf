// Turns the session's finished run into RunRecords to keep: one per arm of a paired run, one for anything else.
import { describeChanges } from '../engine/model/spec-diff';
import { findPresetTitle } from './preset-title';
import { emptyCurves, newRunId, type RunRecord, type RunStatus } from './run-record';
import type { TrainingSession } from './session.svelte';

function status(session: TrainingSession, arm: number): RunStatus {
  const end = session.arms[arm]?.end;
  if (session.crashed) return 'crashed';
  if (end?.reason === 'diverged' || session.phase === 'failed') return 'diverged';
  return end?.reason === 'stopped' || session.phase === 'stopped' ? 'stopped' : 'finished';
}

/** A readable default name: the preset (or dataset) and, for a variant, what it changes. */
export function runName(session: TrainingSession, arm: number, when: Date): string {
  const [baseline, variant] = session.runSpecs;
  const base = findPresetTitle(baseline);
  const time = when.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (session.mode === 'paired') {
    const changes = describeChanges(baseline, variant);
    const change = changes.length === 0 ? 'no change' : changes.length === 1 ? changes[0] : `${changes[0]} (+${changes.length - 1} more)`;
    return arm === 0 ? `${base} · A (baseline) · ${time}` : `${base} · B: ${change} · ${time}`;
  }
  if (session.mode === 'folds') return `${base} · ${session.plannedArms}-fold CV · ${time}`;
  return `${base} · ${time}`;
}

export function sessionRecords(session: TrainingSession, durationMs: number, when = new Date()): RunRecord[] {
  const pairId = session.mode === 'paired' ? newRunId() : undefined;
  const arms = session.mode === 'paired' ? [0, 1] : [session.arms.indexOf(session.main)];
  return arms.map((arm) => {
    const view = session.arms[arm];
    const curves = emptyCurves();
    curves.trainLoss = [...view.curves.trainLoss];
    curves.trainAccuracy = [...view.curves.trainAccuracy];
    curves.validationLoss = [...view.curves.validationLoss];
    curves.validationAccuracy = [...view.curves.validationAccuracy];
    for (const [layer, points] of Object.entries(view.weights.nearZero)) curves.series[`nearZero:${layer}`] = [...points];
    for (const [layer, points] of Object.entries(view.weights.norms)) curves.series[`norm:${layer}`] = [...points];
    const folds = session.folds;
    const notes = folds ? `${folds.metric} over ${folds.values.length} folds: ${folds.mean.toFixed(4)} ± ${folds.std.toFixed(4)} (${folds.values.map((v) => v.toFixed(4)).join(', ')})` : '';
    const record: RunRecord = {
      id: newRunId(), name: runName(session, arm, when), createdAt: when.toISOString(), status: status(session, arm),
      spec: session.runSpecs[session.mode === 'paired' ? arm : 0], curves, evaluation: view.evaluation, backend: session.backend,
      durationMs, epochsTrained: view.epoch, notes,
      ...(pairId ? { pairId, pairRole: arm === 0 ? 'baseline' as const : 'variant' as const } : {}),
    };
    return record;
  });
}
