// How long a run or a task still needs, from how far it has got and how fast it goes, in words: "about 2 min left".

/** Seconds left to cover `remaining` units at `perSecond`, or null while the speed is not known yet. */
export function secondsLeft(remaining: number, perSecond: number): number | null {
  if (!(perSecond > 0) || !Number.isFinite(perSecond) || !(remaining >= 0)) return null;
  return remaining / perSecond;
}

/** Rounded as a person would say it: "under 10 s", "about 40 s", "about 3 min", "about 1 h 20 min". */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null) return 'estimating time left…';
  if (seconds < 10) return 'under 10 s left';
  if (seconds < 60) return `about ${Math.round(seconds / 5) * 5} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h${rest ? ` ${rest} min` : ''} left`;
}

/**
 * Seconds until every arm of a run reaches its last epoch. Arms that train side by side share the device, and
 * each arm's examples/s is measured over wall time that includes the other's turn, so the run ends with its
 * slowest arm.
 */
export function runSecondsLeft(arms: { epoch: number; epochs: number; examplesPerEpoch: number; examplesPerSecond: number; ended: boolean }[]): number | null {
  let worst = 0;
  for (const arm of arms) {
    if (arm.ended) continue;
    const left = secondsLeft(Math.max(0, arm.epochs - arm.epoch) * arm.examplesPerEpoch, arm.examplesPerSecond);
    if (left === null) return null;
    worst = Math.max(worst, left);
  }
  return worst;
}
