// Turns the session's finished run into RunRecords to keep: one per arm of a paired run, one for anything else.
// Each is named by what sets it apart: a pair's variant by its difference from the baseline, any other run by
// its difference from the run kept before it.
import { describeChanges } from '../engine/model/spec-diff';
import type { ExperimentSpec } from '../engine/model/spec';
import { formatTime } from './date-format';
import { findPresetTitle } from './preset-title';
import { emptyCurves, newRunId, type RunRecord, type RunStatus } from './run-record';
import type { TrainingSession } from './session.svelte';

function status(session: TrainingSession, arm: number): RunStatus {
  const end = session.arms[arm]?.end;
  if (session.crashed) return 'crashed';
  if (end?.reason === 'diverged' || session.phase === 'failed') return 'diverged';
  return end?.reason === 'stopped' || session.phase === 'stopped' ? 'stopped' : 'finished';
}

/** "learning rate: 0.01 → 0.1", or the first change and how many more. */
function changeWords(changes: string[]): string {
  return changes.length === 1 ? changes[0] : `${changes[0]} (+${changes.length - 1} more)`;
}

/**
 * A readable default name: the preset (or dataset), what sets the run apart, and the time. `previous` is the
 * spec of the run kept before this one; `taken` the names already kept, so a repeat gets "(2)", "(3)"….
 */
export function runName(session: TrainingSession, arm: number, when: Date, previous: ExperimentSpec | null = null, taken: readonly string[] = []): string {
  const [baseline, variant] = session.runSpecs;
  const base = findPresetTitle(baseline);
  const time = formatTime(when);
  let name: string;
  if (session.mode === 'paired') {
    const changes = describeChanges(baseline, variant);
    name = arm === 0 ? `${base} · A (baseline) · ${time}` : `${base} · B: ${changes.length ? changeWords(changes) : 'no change'} · ${time}`;
  } else {
    const changes = previous ? describeChanges(previous, baseline) : [];
    const apart = changes.length ? ` · ${changeWords(changes)}` : '';
    name = `${base}${session.mode === 'folds' ? ` · ${session.plannedArms}-fold CV` : ''}${apart} · ${time}`;
  }
  return unique(name, taken);
}

function unique(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  let n = 2;
  while (taken.includes(`${name} (${n})`)) n += 1;
  return `${name} (${n})`;
}

/** `kept` is what the history already holds, newest first: the previous run and the names in use. */
export function sessionRecords(session: TrainingSession, durationMs: number, when = new Date(),
  kept: readonly { name: string; spec: ExperimentSpec }[] = []): RunRecord[] {
  const previous = kept[0]?.spec ?? null;
  const taken = kept.map((k) => k.name);
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
      id: newRunId(), name: runName(session, arm, when, previous, taken), createdAt: when.toISOString(), status: status(session, arm),
      spec: session.runSpecs[session.mode === 'paired' ? arm : 0], curves, evaluation: view.evaluation, backend: session.backend,
      durationMs, epochsTrained: view.epoch, notes,
      ...(pairId ? { pairId, pairRole: arm === 0 ? 'baseline' as const : 'variant' as const } : {}),
    };
    return record;
  });
}
