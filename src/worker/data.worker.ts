// The data thread: parses and describes datasets for the Data panel, apart from the training thread.
import { DataHandler } from './data-handler';
import type { DataCommand, DataEvent } from './data-protocol';

const handler = new DataHandler((event: DataEvent, transfer?: Transferable[]) => self.postMessage(event, { transfer }));
self.onmessage = (message: MessageEvent<DataCommand>) => void handler.handle(message.data);
