// The checkpoint policy as the page keeps it between visits: what is written is read back; what cannot be a
// policy (hand-edited, another version's, not JSON) reads as the default; a bad edit is refused with its reason
// and writes nothing.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKPOINT_POLICY, loadCheckpointPolicy, POLICY_STORAGE_KEY, saveCheckpointPolicy } from '../../src/state/checkpoint-policy';

/** A Map behind the two Storage methods the policy uses. */
function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('checkpoint policy storage', () => {
  it('reads back what was saved', () => {
    const storage = memoryStorage();
    expect(loadCheckpointPolicy(storage)).toEqual(DEFAULT_CHECKPOINT_POLICY);
    expect(saveCheckpointPolicy({ monitor: 'val_accuracy', mode: 'max', everyEpochs: 3 }, storage)).toBeNull();
    expect(loadCheckpointPolicy(storage)).toEqual({ monitor: 'val_accuracy', mode: 'max', everyEpochs: 3 });
  });

  it.each([
    ['not JSON', '{monitor'],
    ['a monitor that is no metric', JSON.stringify({ monitor: 'loss', mode: 'min', everyEpochs: 1 })],
    ['a fractional N', JSON.stringify({ monitor: 'val_loss', mode: 'min', everyEpochs: 1.5 })],
    ['a number', '7'],
  ])('reads %s as the default', (_, kept) => {
    expect(loadCheckpointPolicy(memoryStorage({ [POLICY_STORAGE_KEY]: kept }))).toEqual(DEFAULT_CHECKPOINT_POLICY);
  });

  it('fills fields an older version did not write from the default, and drops fields it does not know', () => {
    const kept = JSON.stringify({ monitor: 'val_accuracy', extra: 1 });
    expect(loadCheckpointPolicy(memoryStorage({ [POLICY_STORAGE_KEY]: kept }))).toEqual({ ...DEFAULT_CHECKPOINT_POLICY, monitor: 'val_accuracy' });
  });

  it('refuses a negative N with the reason and writes nothing', () => {
    const storage = memoryStorage();
    expect(saveCheckpointPolicy({ monitor: 'val_loss', mode: 'auto', everyEpochs: -2 }, storage)).toMatch(/whole number ≥ 0.*not -2/);
    expect(storage.map.size).toBe(0);
  });
});
