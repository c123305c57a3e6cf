// Continuing by itself after a lost GPU device: once per run, the page resumes the run from its last checkpoint
// on the same backend started again and trains on, with a notice; a second loss of that run is offered to the
// person instead (continue there, or on the next backend). Whether to do it is kept in localStorage.
import type { BackendName } from '../engine/backend-status';

const KEY = 'sandbox-auto-continue';

/** What the notice says: which run, what was lost, from which epoch it went on, on what. */
export interface AutoContinued { runName: string; why: string; epoch: number; backend: BackendName }

/** On unless this browser said "0"; on where storage is blocked. */
export function loadAutoContinue(): boolean {
  try {
    return localStorage.getItem(KEY) !== '0';
  } catch {
    return true;
  }
}

export function saveAutoContinue(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // storage blocked: the choice holds for this page only
  }
}
