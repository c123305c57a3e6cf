// The dedicated training thread: every command goes to the handler, every event comes back as a message.
import './wasm-files';
import { DeviceLossWatch } from './device-loss';
import { Handler } from './handler';
import type { Command, Event } from './protocol';

const handler = new Handler((event: Event, transfer?: Transferable[]) => self.postMessage(event, { transfer }));
/** The client's fault hooks (tests): an error thrown where nothing catches it, and the device lost. */
type FaultCommand = { type: 'crash' } | { type: 'lose-device' };

// An error nothing caught is told to the page as a message with its text, whatever the browser hands the page's
// worker.onerror (in the built app the faults test saw that handler never called); the page then ends this worker.
self.addEventListener('error', (event) => {
  event.preventDefault();
  self.postMessage({ type: 'uncaught', runId: -1, message: event.message || String(event.error) } satisfies Event);
});

self.onmessage = (message: MessageEvent<Command | FaultCommand>) => {
  const command = message.data;
  if (command.type === 'crash') throw new Error('a crash asked for by the page (test hook)');
  else if (command.type === 'lose-device') DeviceLossWatch.loseForTest();
  else void handler.handle(command);
};
