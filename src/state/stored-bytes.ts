// Checkpoint bytes as IndexedDB keeps them: in a Blob, because IndexedDB copies a typed array by structured clone
// on the calling thread (about 60 ms for the 8 MB of the 784-512-512-10 MLP with Adam here, a long task on the
// page's main thread every epoch), while a Blob's bytes are written by the browser off it. Records of earlier
// versions hold a Uint8Array under `bytes` and are still read.

/** The part of a record that holds the bytes, as written now. */
export interface BlobBytes {
  blob: Blob;
}

/** A record's bytes part as read back: of this version, of an earlier one, or cut short. */
export type StoredBytesField = Partial<BlobBytes> & { bytes?: unknown };

export const asBlob = (bytes: Uint8Array): Blob => new Blob([bytes as Uint8Array<ArrayBuffer>]);

/** The record's bytes, or null when there are none (a record cut short, or of no known shape). */
export async function storedBytes(stored: StoredBytesField | undefined): Promise<Uint8Array | null> {
  if (stored?.blob instanceof Blob) return new Uint8Array(await stored.blob.arrayBuffer());
  return stored?.bytes instanceof Uint8Array ? stored.bytes : null;
}
