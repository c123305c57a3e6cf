// The dedicated training thread: every command goes to the handler, every event comes back as a message.
import { Handler } from './handler';
import type { Command, Event } from './protocol';

const handler = new Handler((event: Event, transfer?: Transferable[]) => self.postMessage(event, { transfer }));
self.onmessage = (message: MessageEvent<Command | { type: 'crash' }>) => {
  // the client's crashForTest: an error thrown where nothing catches it, as a bug in a kernel would be
  if (message.data.type === 'crash') setTimeout(() => { throw new Error('a crash asked for by the page (test hook)'); });
  else void handler.handle(message.data);
};
