// Reads the page's checkpoint store straight from IndexedDB (not through the app's code): the entries, and a
// checkpoint's validation losses per epoch from the curves in its header. Shared by the resume tests.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface Kept { id: string; runKey: string; kind: string; epoch: number; inProgress: boolean; sha256: string }

/** The checkpoint entries, and (with `id`) that checkpoint's validation losses from its header's curves. */
export function readStore(page: Page, id?: string): Promise<{ entries: Kept[]; losses: number[] | null }> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('training-sandbox-checkpoints', 1);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const get = <T,>(store: string, key?: string) => new Promise<T>((resolve) => {
      const s = db.transaction(store).objectStore(store);
      const r = key === undefined ? s.getAll() : s.get(key);
      r.onsuccess = () => resolve(r.result as T);
    });
    const entries = await get<Kept[]>('checkpoints');
    let losses: number[] | null = null;
    const entry = entries.find((e) => e.id === id);
    if (entry) {
      const { blob } = await get<{ blob: Blob }>('checkpoint-bytes', entry.sha256);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length)));
      losses = header.curves.epochs.map((e: { validation: { loss: number } }) => e.validation.loss);
    }
    db.close();
    return { entries, losses };
  }, id);
}

/** Presses Train and waits until a checkpoint of epoch ≥ `epoch` marked in progress is kept; returns that entry. */
export async function trainUntilCheckpoint(page: Page, epoch: number): Promise<Kept> {
  await page.getByRole('button', { name: 'Train', exact: true }).click({ timeout: 90_000 });
  let found: Kept | undefined;
  await expect.poll(async () => {
    found = (await readStore(page)).entries.find((e) => e.kind === 'last' && e.inProgress && e.epoch >= epoch);
    return !!found;
  }, { timeout: 180_000, interval: 50 }).toBe(true);
  return found!;
}
