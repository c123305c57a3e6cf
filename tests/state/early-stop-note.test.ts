import { describe, expect, it } from 'vitest';
import { earlyStopNote } from '../../src/state/early-stop-note';

describe('earlyStopNote', () => {
  it('names the side, the epochs, what was watched and which weights the model kept', () => {
    expect(earlyStopNote({ reason: 'early-stopped', stop: { epoch: 12, bestEpoch: 9, best: 0.62214, monitor: 'val_loss', restored: true } }, 30, 'B'))
      .toBe('B stopped early after epoch 12 of 30: the validation loss had not improved since epoch 9 (best 0.6221); the weights of epoch 9 were put back.');
    expect(earlyStopNote({ reason: 'early-stopped', stop: { epoch: 7, bestEpoch: 4, best: 0.9125, monitor: 'val_accuracy', restored: false } }, 20, null))
      .toBe('Stopped early after epoch 7 of 20: the validation accuracy had not improved since epoch 4 (best 0.912); the last epoch\'s weights were kept.');
  });

  it('says nothing for an arm that ran to the end, was stopped by hand, diverged, or has not ended', () => {
    expect(earlyStopNote({ reason: 'finished' }, 30, 'A')).toBeNull();
    expect(earlyStopNote({ reason: 'stopped' }, 30, null)).toBeNull();
    expect(earlyStopNote({ reason: 'diverged', message: 'NaN' }, 30, null)).toBeNull();
    expect(earlyStopNote(null, 30, 'B')).toBeNull();
  });
});
