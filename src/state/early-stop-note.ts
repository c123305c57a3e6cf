// The sentence that says an arm stopped early, and why: without it a run that stopped at epoch 9 of 30 reads
// "Finished" like any other, and the early-stopping lesson's point (B stopped, and on better weights) is
// invisible on the page.
import { TRAINING_FIELDS } from '../engine/model/fields';
import type { ArmEnd } from '../worker/protocol';

/** The monitor's name as the editor's Monitor field shows it ('validation loss'). */
const monitorLabel = (monitor: string) =>
  TRAINING_FIELDS.earlyStopping.fields.monitor.options.find((o) => o.value === monitor)?.label ?? monitor;

/** `side`: 'A' or 'B' in a paired run, null for a single run. Null when the arm did not stop early. */
export function earlyStopNote(end: ArmEnd | null, epochs: number, side: 'A' | 'B' | null): string | null {
  if (end?.reason !== 'early-stopped') return null;
  const { epoch, bestEpoch, best, monitor, restored } = end.stop;
  const who = side ? `${side} stopped` : 'Stopped';
  const what = monitorLabel(monitor);
  const kept = restored ? `the weights of epoch ${bestEpoch} were put back` : `the last epoch's weights were kept`;
  return `${who} early after epoch ${epoch} of ${epochs}: the ${what} had not improved since epoch ${bestEpoch} ` +
    `(best ${best.toFixed(monitor === 'val_accuracy' ? 3 : 4)}); ${kept}.`;
}
