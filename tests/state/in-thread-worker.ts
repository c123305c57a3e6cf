// A TrainingSession wired to the real worker code without a thread: a real TrainingClient whose Worker is the
// real Handler in this thread, each message structured-cloned as postMessage would. For unit tests of the
// runes classes that drive training (state/session.svelte.ts, embed/widget.svelte.ts) on tfjs's CPU backend.
import { TrainingSession } from '../../src/state/session.svelte';
import { TrainingClient } from '../../src/worker/client';
import { Handler } from '../../src/worker/handler';
import type { Command, Event } from '../../src/worker/protocol';

/** The Worker the client talks to: the real handler, with each message cloned in each direction. */
export class InThreadWorker {
  onmessage: ((message: MessageEvent<Event>) => void) | null = null;
  onerror: ((error: ErrorEvent) => void) | null = null;
  readonly commands: Command[] = [];
  terminated = false;
  readonly #handler = new Handler((event) => {
    if (!this.terminated) this.onmessage?.({ data: structuredClone(event) } as MessageEvent<Event>);
  });
  postMessage(command: Command) {
    this.commands.push(command);
    void this.#handler.handle(structuredClone(command));
  }
  /** A real worker's thread would end: here the handler is told to stop, so no training goes on unseen. */
  terminate() {
    this.terminated = true;
    const last = this.commands.at(-1);
    if (last) void this.#handler.handle({ type: 'stop', runId: last.runId });
  }
}

/** A session whose client is created on its first command, and every worker it made. */
export function connectedSession() {
  const workers: InThreadWorker[] = [];
  const session = new TrainingSession((listener) => new TrainingClient(listener, () => {
    const worker = new InThreadWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  }));
  return { session, workers };
}

