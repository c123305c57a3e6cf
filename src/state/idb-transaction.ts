// Plain IndexedDB as promises, for the stores that are handed an IDBFactory (the page's, or fake-indexeddb's in
// tests): a request's result, and one transaction over named object stores that commits only if its work succeeds.

export function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Runs `work` on the object stores `names` (in that order) in one transaction and resolves once it committed.
 * Where `work` throws (a put over the quota, a value that cannot be cloned), the transaction is aborted, so none
 * of its writes land.
 */
export async function inTransaction<T>(db: IDBDatabase, names: string[], mode: IDBTransactionMode,
  work: (...stores: IDBObjectStore[]) => Promise<T> | T): Promise<T> {
  const tx = db.transaction(names, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('the transaction was aborted', 'AbortError'));
  });
  done.catch(() => {}); // awaited below; this only keeps an abort after a thrown error from going unhandled
  try {
    const result = await work(...names.map((name) => tx.objectStore(name)));
    await done;
    return result;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    throw e;
  }
}
