// Resume after a reload in the built app on WebGL (SwiftShader): a run trained without a stop gives the reference
// validation losses; the same run reloaded mid-training is offered by the banner, resumed from its last
// checkpoint, trained to the end, and its validation losses after the resume match the reference within
// TOLERANCE. A checkpoint whose stored bytes were changed (through IndexedDB in the page) is refused with the
// reason. The losses are read from the run's final checkpoint header (its curves), straight from IndexedDB.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { dense, dropout, presetSpec } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { openApp, screenshot, useAppContext } from './browser';
import { readStore, trainUntilCheckpoint } from './checkpoint-reader';

/**
 * Largest |resumed − uninterrupted| validation loss allowed on WebGL. Measured on SwiftShader: 0 (bit-identical;
 * the test logs it): the same kernels run on the same data in the same order. Kept above 0 for GPUs whose
 * drivers may reorder a reduction between two page loads.
 */
const TOLERANCE = 1e-6;

const context = useAppContext();

/**
 * The moons MLP with dropout and Adam on `backend` for `epochs` epochs, as a link: 200 points, so an epoch is a
 * few batches (what is resumed is the same for any size; SwiftShader makes every batch count).
 */
function linkFor(backend: 'webgl' | 'webgpu', epochs: number): string {
  const spec = presetSpec('moons-mlp');
  if (spec.dataset.kind !== 'points') throw new Error('the moons preset is a points preset');
  spec.dataset.numPoints = 200;
  spec.model.layers = [dense(16), dropout(0.2), dense(16)];
  spec.training = { ...spec.training, epochs, backend };
  return encodeLink({ spec, view: 'train', lesson: null });
}
const link = linkFor('webgl', 12);
const status = (page: Page) => page.getByTestId('run-status').textContent();

// WebGPU runs the fused Adam kernels (its β powers in one slot) and device dropout masks; SwiftShader's WebGPU is
// slow, so fewer epochs there
for (const [backend, epochs] of [['webgl', 12], ['webgpu', 6]] as const) it(`${backend}: a run reloaded mid-training resumes from its last checkpoint to the losses of the run that never stopped`, async () => {
  const { page, errors } = await openApp(context(), linkFor(backend, epochs));
  const earlier = new Set((await readStore(page)).entries.map((e) => e.runKey)); // this context's earlier tests' runs
  await page.getByRole('button', { name: 'Train', exact: true }).click({ timeout: 90_000 });
  await expect.poll(() => status(page), { timeout: 240_000, interval: 300 }).toMatch(/^Finished/);
  const straightKey = (await readStore(page)).entries.find((e) => e.kind === 'last' && !earlier.has(e.runKey))!.runKey;
  const reference = (await readStore(page, `${straightKey}/last`)).losses!;
  expect(reference).toHaveLength(epochs);

  await page.reload(); // the same link afresh: a new run of the same spec
  const interrupted = await trainUntilCheckpoint(page, 2);
  await page.reload();
  const banner = page.getByTestId('resume-banner');
  await expect.poll(() => banner.isVisible(), { timeout: 30_000 }).toBe(true);
  const offered = await page.getByTestId('resume-run').textContent();
  const epoch = Number(offered?.match(/epoch (\d+)/)?.[1]);
  expect(epoch).toBeGreaterThanOrEqual(interrupted.epoch);
  expect(epoch).toBeLessThan(epochs);
  for (const width of backend === 'webgl' ? [360, 1280] : []) {
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `resume-banner-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('resume-run').click();
  await expect.poll(() => status(page), { timeout: 120_000, interval: 300 }).toMatch(/^Ready: resumed from its checkpoint after epoch \d+/);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect.poll(() => status(page), { timeout: 240_000, interval: 300 }).toMatch(/^Finished/);
  expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe(backend); // resumed where it was asked to run
  // on WebGPU the fused optimizers ran (Adam's β powers in one [2] slot), so their state is what was restored
  if (backend === 'webgpu') expect(await page.getByTestId('fast-path').getAttribute('data-fused')).toBe('true');
  const resumed = (await readStore(page, `${interrupted.runKey}/last`)).losses!;
  expect(resumed).toHaveLength(epochs);
  const gaps = resumed.map((loss, i) => Math.abs(loss - reference[i]));
  const maxGap = Math.max(...gaps.slice(epoch));
  console.log(`${backend}: resumed at epoch ${epoch}: largest |Δ val_loss| after it ${maxGap.toExponential(2)}; before it ${Math.max(...gaps.slice(0, epoch)).toExponential(2)}`);
  expect(maxGap).toBeLessThanOrEqual(TOLERANCE);
  expect((await readStore(page)).entries.filter((e) => e.inProgress)).toEqual([]);
  expect(await banner.isVisible()).toBe(false);
  expect(errors).toEqual([]);
  await page.close();
});

it('a checkpoint whose stored bytes were changed is refused with the reason, and nothing starts', async () => {
  const { page } = await openApp(context(), link);
  const kept = await trainUntilCheckpoint(page, 1);
  await page.reload();
  await expect.poll(() => page.getByTestId('resume-banner').isVisible(), { timeout: 30_000 }).toBe(true);
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => { const r = indexedDB.open('training-sandbox-checkpoints', 1); r.onsuccess = () => resolve(r.result); });
    const all = await new Promise<{ sha256: string; blob: Blob }[]>((resolve) => {
      const r = db.transaction('checkpoint-bytes').objectStore('checkpoint-bytes').getAll();
      r.onsuccess = () => resolve(r.result);
    });
    // one bit flipped near the end of each stored checkpoint (read out first: a transaction ends across an await)
    const flipped = await Promise.all(all.map(async ({ sha256, blob }) => {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      bytes[bytes.length - 3] ^= 0x40;
      return { sha256, blob: new Blob([bytes]) };
    }));
    const tx = db.transaction('checkpoint-bytes', 'readwrite');
    for (const record of flipped) tx.objectStore('checkpoint-bytes').put(record);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });
  await page.getByTestId('resume-run').click();
  const problem = page.getByTestId('checkpoint-error');
  await expect.poll(() => problem.textContent(), { timeout: 30_000 }).toMatch(/The checkpoint of ".*" at epoch \d+ is refused: its bytes do not match the SHA-256 written with them \(damaged or changed since\); delete it\./);
  await screenshot(page, 'resume-refused-1280');
  expect(await status(page)).toMatch(/^Ready to train/);
  // the way out the message names: the damaged checkpoint goes, and is no longer offered
  await page.getByTestId('delete-refused-checkpoint').click();
  await expect.poll(async () => (await readStore(page)).entries.some((e) => e.id === `${kept.runKey}/last`), { timeout: 30_000 }).toBe(false);
  expect(await page.getByTestId('resume-banner').isVisible()).toBe(false);
  expect(kept.runKey).toMatch(/^run-/);
  await page.close();
});
