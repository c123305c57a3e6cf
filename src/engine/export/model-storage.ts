// Saving models in the browser's own storage with tfjs's stock IndexedDB handler ('indexeddb://sandbox-<name>').
// A model is stored exactly as its download would be (same quantized weights and manifest), so what comes back
// is what a file would give. Works in a page and in a worker; Node has no IndexedDB.
import * as tf from '@tensorflow/tfjs';
import { artifactsFromFiles, exportModel } from './model-artifacts';
import type { WeightFormat } from './quantize';

const SCHEME = 'indexeddb://';
const PREFIX = 'sandbox-';

export interface SavedModel {
  name: string;
  dateSaved: string;
  weightsBytes: number;
}

/** The storage URL for a name; names are 1–64 letters, digits, '-' and '_'. */
export function storageUrl(name: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    throw new Error(`"${name}" cannot name a saved model: use 1 to 64 letters, digits, '-' or '_'`);
  }
  return `${SCHEME}${PREFIX}${name}`;
}

function handler(url: string, kind: 'save' | 'load'): tf.io.IOHandler {
  const handlers = kind === 'save' ? tf.io.getSaveHandlers(url) : tf.io.getLoadHandlers(url);
  if (handlers.length === 0) throw new Error('This browser offers no IndexedDB storage here (a private window, or storage is blocked): download the model instead');
  return handlers[0];
}

/** Stores `model` under `name`, weights in `format`, replacing any model saved under that name. */
export async function saveToBrowser(model: tf.LayersModel, name: string, format: WeightFormat = 'float32'): Promise<SavedModel> {
  const url = storageUrl(name);
  const exported = await exportModel(model, format, { name, metadata: { weightFormat: format } });
  const result = await handler(url, 'save').save!(artifactsFromFiles(exported.modelJson, exported.weightsBytes));
  return { name, dateSaved: result.modelArtifactsInfo.dateSaved.toISOString(), weightsBytes: result.modelArtifactsInfo.weightDataBytes ?? 0 };
}

/** Loads a saved model with stock tf.loadLayersModel; the caller disposes it. */
export async function loadFromBrowser(name: string): Promise<tf.LayersModel> {
  const url = storageUrl(name);
  try {
    return await tf.loadLayersModel(handler(url, 'load'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!/Cannot find model/.test(reason)) throw error;
    const saved = (await listSaved()).map((m) => m.name);
    throw new Error(`No model is saved as "${name}"${saved.length ? `; saved models: ${saved.join(', ')}` : '; none is saved in this browser'}`, { cause: error });
  }
}

/** The sandbox's saved models, newest first. */
export async function listSaved(): Promise<SavedModel[]> {
  const all = await tf.io.listModels();
  return Object.entries(all)
    .filter(([url]) => url.startsWith(SCHEME + PREFIX))
    .map(([url, info]) => ({ name: url.slice((SCHEME + PREFIX).length), dateSaved: new Date(info.dateSaved).toISOString(), weightsBytes: info.weightDataBytes ?? 0 }))
    .sort((a, b) => b.dateSaved.localeCompare(a.dateSaved));
}

export async function removeSaved(name: string): Promise<void> {
  await tf.io.removeModel(storageUrl(name));
}
