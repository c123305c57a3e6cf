// Picked Files (Node 20 has File) → paths and bytes, with a picked .zip opened in place.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { groupByClass } from '../../../src/data/own-images/class-folders';
import { readPickedFiles } from '../../../src/data/own-images/picked-files';

describe('readPickedFiles', () => {
  it('keeps each file\'s relative path and bytes, and opens a .zip into its entries', async () => {
    const folderFile = new File([new Uint8Array([1, 2, 3])], '1.png');
    Object.defineProperty(folderFile, 'webkitRelativePath', { value: 'pets/cats/1.png' });
    const zip = new File([zipSync({ 'dogs/1.png': new Uint8Array([4, 5]), 'dogs/2.png': new Uint8Array([6]) })], 'more.ZIP');
    const files = await readPickedFiles([folderFile, new File([new Uint8Array([9])], 'loose.png'), zip]);
    expect(files.map((f) => [f.path, [...f.bytes]])).toEqual([
      ['pets/cats/1.png', [1, 2, 3]],
      ['loose.png', [9]],
      ['dogs/1.png', [4, 5]],
      ['dogs/2.png', [6]],
    ]);
  });

  it('gives groupByClass what it needs for a zip picked alone', async () => {
    const zip = new File([zipSync({ 'pets/cats/1.png': new Uint8Array([1]), 'pets/dogs/1.png': new Uint8Array([2]) })], 'pets.zip');
    expect(groupByClass(await readPickedFiles([zip])).classNames).toEqual(['cats', 'dogs']);
  });
});
