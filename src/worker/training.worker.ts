// The dedicated training thread: every command goes to the handler, every event comes back as a message.
import './wasm-files';
import { Handler } from './handler';
import type { Command, Event } from './protocol';

const handler = new Handler((event: Event, transfer?: Transferable[]) => self.postMessage(event, { transfer }));
self.onmessage = (message: MessageEvent<Command>) => void handler.handle(message.data);
