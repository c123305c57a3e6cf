// A person's own data, kept in this browser's IndexedDB (through the `idb` library) and nowhere else: a table
// file as it was picked, or labelled image files. The page writes it; the workers read it by name when a run or
// a preview needs it. Nothing here leaves the machine.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { OWN_PREFIX } from './catalog';

export interface OwnImageFile {
  className: string;
  name: string;
  bytes: Uint8Array;
}

interface Common {
  /** "own-" and an id: what a dataset spec names. */
  name: string;
  /** The file or folder name the person picked ("penguins.csv", "pets.zip", "webcam"). */
  title: string;
  /** Bytes it takes in storage. */
  bytes: number;
  createdAt: number;
}

export type OwnData =
  | Common & { kind: 'table'; file: Blob }
  | Common & { kind: 'images'; classNames: string[]; images: OwnImageFile[] };

/** What the list shows, without the data itself. */
export type OwnDataEntry = Pick<OwnData, 'name' | 'title' | 'bytes' | 'createdAt' | 'kind'> & {
  /** Images: how many files, and their classes; 0 and [] for a table. */
  items: number;
  classNames: string[];
};

interface Schema extends DBSchema {
  data: { key: string; value: OwnData };
  entries: { key: string; value: OwnDataEntry };
}

const DB_NAME = 'training-sandbox-data';
const DB_VERSION = 1;

/** Why a store call failed, as a sentence a person can act on. */
export function storageProblem(error: unknown, action: string): Error {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const why = name === 'QuotaExceededError'
    ? "the browser's storage for this page is full: delete own datasets or runs you no longer need (Data panel, Own data), or free disk space"
    : name === 'SecurityError' || name === 'InvalidStateError'
      ? 'the browser refuses storage to this page (private browsing, or site data blocked): own data then lasts only until the page is closed'
      : `the browser reported ${name || 'an error'}${error instanceof Error && error.message ? `: ${error.message}` : ''}`;
  return new Error(`Could not ${action}: ${why}.`, { cause: error });
}

let opened: Promise<IDBPDatabase<Schema>> | null = null;

function db(): Promise<IDBPDatabase<Schema>> {
  opened ??= openDB<Schema>(DB_NAME, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('data', { keyPath: 'name' });
      database.createObjectStore('entries', { keyPath: 'name' });
    },
    // another tab upgrading: let it, and open again on the next call
    blocking() { void opened?.then((d) => d.close()); opened = null; },
    terminated() { opened = null; },
  }).catch((error) => {
    opened = null;
    throw storageProblem(error, 'open the own-data store');
  });
  return opened;
}

/** A fresh name for new own data. */
export function newOwnName(): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${OWN_PREFIX}${Array.from(random, (n) => n.toString(36)).join('')}`;
}

export function entryOf(data: OwnData): OwnDataEntry {
  const [items, classNames] = data.kind === 'images' ? [data.images.length, [...data.classNames]] : [0, []];
  return { name: data.name, title: data.title, bytes: data.bytes, createdAt: data.createdAt, kind: data.kind, items, classNames };
}

/** Stores data and its list entry in one transaction: both or neither. */
export async function putOwnData(data: OwnData): Promise<void> {
  try {
    const tx = (await db()).transaction(['data', 'entries'], 'readwrite');
    await Promise.all([tx.objectStore('data').put(data), tx.objectStore('entries').put(entryOf(data)), tx.done]);
  } catch (error) {
    throw error instanceof Error && error.message.startsWith('Could not') ? error : storageProblem(error, `keep ${data.title}`);
  }
}

export async function getOwnData(name: string): Promise<OwnData | undefined> {
  try {
    return await (await db()).get('data', name);
  } catch (error) {
    throw storageProblem(error, `read own data ${name}`);
  }
}

/** Every own dataset, newest first, without reading the data. */
export async function listOwnData(): Promise<OwnDataEntry[]> {
  try {
    const entries = await (await db()).getAll('entries');
    return entries.sort((a, b) => b.createdAt - a.createdAt);
  } catch (error) {
    throw storageProblem(error, 'list own data');
  }
}

export async function deleteOwnData(name: string): Promise<void> {
  try {
    const tx = (await db()).transaction(['data', 'entries'], 'readwrite');
    await Promise.all([tx.objectStore('data').delete(name), tx.objectStore('entries').delete(name), tx.done]);
  } catch (error) {
    throw storageProblem(error, `delete own data ${name}`);
  }
}

/** What a link or stored run to own data says when this browser does not hold that data. */
export function missingDataMessage(d: { title: string; rows: number; kind: string }): string {
  const what = d.kind === 'table' ? `${d.rows.toLocaleString('en')} rows` : `${d.rows.toLocaleString('en')} images`;
  return `This experiment was trained on ${d.title} (${what}), own data that is not in this browser: load that file in the sandbox's Data panel to continue.`;
}
