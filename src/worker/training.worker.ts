// The dedicated training thread: every command goes to the handler, every event comes back as a message.
import './wasm-files';
import { DeviceLossWatch } from './device-loss';
import { Handler } from './handler';
import type { Command, Event } from './protocol';

const handler = new Handler((event: Event, transfer?: Transferable[]) => self.postMessage(event, { transfer }));
/** The client's fault hooks (tests): an error thrown where nothing catches it, and the device lost. */
type FaultCommand = { type: 'crash' } | { type: 'lose-device' };

self.onmessage = (message: MessageEvent<Command | FaultCommand>) => {
  const command = message.data;
  if (command.type === 'crash') throw new Error('a crash asked for by the page (test hook)');
  else if (command.type === 'lose-device') DeviceLossWatch.loseForTest();
  else void handler.handle(command);
};
