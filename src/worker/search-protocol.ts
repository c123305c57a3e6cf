// Messages between the page and the search worker (search.worker.ts): start or go on with a search, pause it,
// stop it; and what comes back: its phase, which trial trains, progress, and each trial's result with what a
// stored run needs. Plain data only, as protocol.ts.
import type { BackendReport } from '../engine/backend';
import type { SearchEnd, SearchState } from '../engine/search/driver';
import type { SearchSpec, Trial } from '../engine/search/plan';
import type { Job, TrialResult } from '../engine/search/schedule';
import type { TrialOutcome } from '../engine/search/train-trial';
import type { Evaluation } from './protocol';
import type { TrialCheckpoint } from './search-resume';

export type SearchCommand =
  /**
   * Start a search, or go on from `state` (a paused or reloaded one): the results in it are not trained again,
   * and a job with one of `checkpoints` goes on from it instead of from its start.
   */
  | { type: 'search-start'; searchId: number; search: SearchSpec; state: SearchState; datasetsUrl: string; checkpoints?: TrialCheckpoint[] }
  /** Ends the trial in progress at its next chunk of batches (it goes on from its last checkpoint on resume) and keeps the state. */
  | { type: 'search-pause'; searchId: number }
  | { type: 'search-stop'; searchId: number };

export type SearchPhase = 'preparing' | 'running' | SearchEnd | 'failed';

export type SearchEvent =
  | { type: 'search-phase'; searchId: number; phase: SearchPhase; message?: string }
  | { type: 'search-backend'; searchId: number; report: BackendReport }
  | { type: 'search-job'; searchId: number; job: Job; params: Trial['params'] }
  | { type: 'search-progress'; searchId: number; job: Job; epoch: number; loss: number }
  /** The job's whole training state after `epoch` (checkpoint-bytes.ts; its buffer transferred), for the page to keep until the job's result comes. */
  | { type: 'search-checkpoint'; searchId: number; job: Job; epoch: number; bytes: Uint8Array }
  /** A job done: its result, the state to keep (results so far, seconds spent), and its curve and evaluation for the stored run. */
  | { type: 'search-result'; searchId: number; result: TrialResult; state: SearchState; curve: TrialOutcome['curve']; evaluation: Evaluation | null };

export type SearchPost = (event: SearchEvent, transfer?: Transferable[]) => void;
