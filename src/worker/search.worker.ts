// The search's own thread: trials train here, apart from the training worker, so a search and the page's
// single run never share a loop (and handler.ts stays about one run).
import './wasm-files';
import { SearchHandler } from './search';
import type { SearchCommand, SearchEvent } from './search-protocol';

const handler = new SearchHandler((event: SearchEvent, transfer?: Transferable[]) => self.postMessage(event, { transfer }));
self.onmessage = (message: MessageEvent<SearchCommand>) => void handler.handle(message.data);
