// Which checkpoints of a run are kept (as Keras's ModelCheckpoint: the best by a monitored value, every N epochs,
// and always the last). Not part of the ExperimentSpec: keeping checkpoints changes no result, so a link or a
// stored run does not change with it.

export type CheckpointMonitor = 'val_loss' | 'val_accuracy';
/** Keras's mode: 'auto' is min for a loss and max for an accuracy. */
export type CheckpointMode = 'auto' | 'min' | 'max';
export type CheckpointKind = 'best' | 'every' | 'last';

export interface CheckpointPolicy {
  monitor: CheckpointMonitor;
  mode: CheckpointMode;
  /** Keep one every this many epochs (0: none besides best and last). */
  everyEpochs: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { monitor: 'val_loss', mode: 'auto', everyEpochs: 5 };

/** What a policy's problems read as, or null when it is usable. */
export function checkpointPolicyProblem(policy: CheckpointPolicy): string | null {
  if (policy.monitor !== 'val_loss' && policy.monitor !== 'val_accuracy') return `the checkpoint monitor must be val_loss or val_accuracy, not "${String(policy.monitor)}"`;
  if (!['auto', 'min', 'max'].includes(policy.mode)) return `the checkpoint mode must be auto, min or max, not "${String(policy.mode)}"`;
  if (!Number.isInteger(policy.everyEpochs) || policy.everyEpochs < 0) return `"every N epochs" must be a whole number ≥ 0 (0 keeps only the best and the last), not ${policy.everyEpochs}`;
  return null;
}

/** Whether `value` beats `best` under the policy (any value beats none; NaN never does). */
export function improves(policy: CheckpointPolicy, value: number | null, best: number | null): boolean {
  if (value === null || !Number.isFinite(value)) return false;
  if (best === null) return true;
  const mode = policy.mode === 'auto' ? (policy.monitor === 'val_loss' ? 'min' : 'max') : policy.mode;
  return mode === 'min' ? value < best : value > best;
}

/** Which kinds a checkpoint taken after `epoch` is kept as: always the last; every N; the best when it improves. */
export function kindsToKeep(policy: CheckpointPolicy, epoch: number, value: number | null, best: number | null): CheckpointKind[] {
  const kinds: CheckpointKind[] = ['last'];
  if (policy.everyEpochs > 0 && epoch % policy.everyEpochs === 0) kinds.push('every');
  if (improves(policy, value, best)) kinds.push('best');
  return kinds;
}

/** Where the page keeps the policy between visits (localStorage). */
export const POLICY_STORAGE_KEY = 'sandbox-checkpoint-policy';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The policy kept in `storage`, or the default where none is kept, or what is kept is not a usable policy
 * (written by another version, or edited by hand): a bad setting never stops the page.
 */
export function loadCheckpointPolicy(storage: KeyValueStore | undefined = globalThis.localStorage): CheckpointPolicy {
  try {
    const kept = JSON.parse(storage?.getItem(POLICY_STORAGE_KEY) ?? 'null') as Partial<CheckpointPolicy> | null;
    if (!kept || typeof kept !== 'object') return { ...DEFAULT_CHECKPOINT_POLICY };
    const policy = { ...DEFAULT_CHECKPOINT_POLICY, ...kept };
    return checkpointPolicyProblem(policy) ? { ...DEFAULT_CHECKPOINT_POLICY } : { monitor: policy.monitor, mode: policy.mode, everyEpochs: policy.everyEpochs };
  } catch {
    return { ...DEFAULT_CHECKPOINT_POLICY };
  }
}

/** Keeps `policy` in `storage` when it is usable; returns its problem in words otherwise (nothing is written). */
export function saveCheckpointPolicy(policy: CheckpointPolicy, storage: KeyValueStore | undefined = globalThis.localStorage): string | null {
  const problem = checkpointPolicyProblem(policy);
  if (problem) return problem;
  try {
    storage?.setItem(POLICY_STORAGE_KEY, JSON.stringify(policy));
  } catch {
    // storage full or blocked: the policy still applies to this visit
  }
  return null;
}
