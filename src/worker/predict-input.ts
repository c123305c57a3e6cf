// A new example typed or picked in the page (a table row, an image file) turned into model input through the
// same pipeline the run was trained with: encodeRecord for a table's row, the image decoder at the run's size
// for an image, scaled to [0, 1] as training's upload scales bytes.
import type { Dataset } from '../data/dataset';
import { decodeImage } from '../data/own-images/decode';
import { encodeRecord, type Preprocessing } from '../data/table/preprocess';

export type PredictInput =
  | { kind: 'record'; record: Record<string, string> }
  | { kind: 'image'; bytes: ArrayBuffer };

export async function encodeInput(dataset: Dataset, input: PredictInput): Promise<Float32Array> {
  const pipeline = dataset.preprocessing;
  if (input.kind === 'record') {
    if (pipeline?.kind !== 'table') throw new Error('This run was not trained on a table, so it takes no typed row: train on a table first.');
    return encodeRecord(pipeline.table as Preprocessing, input.record);
  }
  const [height, width, channels] = dataset.info.inputShape;
  if (channels === undefined) throw new Error('This run was not trained on images, so it takes no picture: train on an image set first.');
  const bytes = await decodeImage(new Uint8Array(input.bytes), { height, width, channels: channels as 1 | 3 });
  // the shipped sets store 0 as background: a photo is inverted to match only for them
  const invert = channels === 1 && !pipeline;
  return Float32Array.from(bytes, (v) => (invert ? 255 - v : v) / 255);
}
