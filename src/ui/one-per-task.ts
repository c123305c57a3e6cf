// Runs queued work one piece per macrotask. A run's first report mounts every chart of the page at once, and
// Chart.js's constructor measures its canvas and styles (10–20 ms each on a slow machine): made in the same task,
// half a dozen charts were one main-thread task of 60–70 ms, a stutter as training starts. One per task lets
// the page paint and take input between them.
const queue: (() => void)[] = [];
let scheduled = false;

function runOne() {
  const work = queue.shift();
  scheduled = queue.length > 0;
  if (scheduled) setTimeout(runOne, 0);
  work?.();
}

/** Queues `work`; returns a function that takes it off the queue if it has not run yet. */
export function onePerTask(work: () => void): () => void {
  queue.push(work);
  if (!scheduled) {
    scheduled = true;
    setTimeout(runOne, 0);
  }
  return () => {
    const at = queue.indexOf(work);
    if (at >= 0) queue.splice(at, 1);
  };
}
