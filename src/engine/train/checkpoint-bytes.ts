// A TrainingCheckpoint as one byte array and back, so it can be stored, hashed and moved across the worker
// boundary as a single transferable buffer. Layout (little-endian):
//   "NNCK"  u32 format  u32 header length  header JSON (UTF-8)  zero padding to a multiple of 4  float32 values
// Reading checks every length, so a checkpoint cut short or of another format is refused with the reason
// before anything of it is used.
import { CHECKPOINT_FORMAT, TENSOR_GROUPS, type CheckpointHeader, type TrainingCheckpoint } from './checkpoint-format';

const MAGIC = 'NNCK';
const PREFIX = 12;

/** A checkpoint's bytes could not be read; the message says why. */
export class CheckpointError extends Error {}

export function checkpointToBytes(checkpoint: TrainingCheckpoint): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(checkpoint.header));
  const valuesAt = Math.ceil((PREFIX + json.length) / 4) * 4;
  const bytes = new Uint8Array(valuesAt + checkpoint.values.byteLength);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, CHECKPOINT_FORMAT, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, PREFIX);
  const values = checkpoint.values;
  for (let i = 0; i < values.length; i++) view.setFloat32(valuesAt + 4 * i, values[i], true);
  return bytes;
}

/** The format number a checkpoint's bytes declare, or null when they are no checkpoint at all. */
export function checkpointFormatOf(bytes: Uint8Array): number | null {
  if (bytes.length < PREFIX || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) return null;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
}

export function checkpointFromBytes(bytes: Uint8Array): TrainingCheckpoint {
  const format = checkpointFormatOf(bytes);
  if (format === null) throw new CheckpointError('these bytes are not a training checkpoint (they do not start with its mark)');
  if (format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(`the checkpoint has format ${format}, made by ${format < CHECKPOINT_FORMAT ? 'an older' : 'a newer'} version of the sandbox, and this one reads format ${CHECKPOINT_FORMAT}: train the run afresh`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(8, true);
  const valuesAt = Math.ceil((PREFIX + jsonLength) / 4) * 4;
  if (valuesAt > bytes.length) throw new CheckpointError(`the checkpoint is cut short: ${bytes.length} bytes, and its header alone needs ${valuesAt}`);
  let header: CheckpointHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + jsonLength))) as CheckpointHeader;
  } catch {
    throw new CheckpointError('the checkpoint\'s header is not readable JSON: it is damaged');
  }
  if (!header || typeof header !== 'object' || !header.shapes || !header.spec) throw new CheckpointError('the checkpoint\'s header lacks its spec or its tensor shapes: it is damaged');
  const count = TENSOR_GROUPS.reduce((n, g) => n + (header.shapes[g] ?? []).reduce((m, s) => m + s.reduce((a, b) => a * b, 1), 0), 0);
  const expected = valuesAt + 4 * count;
  if (bytes.length !== expected) {
    throw new CheckpointError(`the checkpoint is ${bytes.length < expected ? 'cut short' : 'longer than its header says'}: ${bytes.length} bytes where ${expected} were written`);
  }
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = view.getFloat32(valuesAt + 4 * i, true);
  return { header, values };
}
