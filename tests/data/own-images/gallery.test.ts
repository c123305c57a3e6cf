// The gallery's picks: the first N of each class in order, fewer where a class has fewer.
import { describe, expect, it } from 'vitest';
import { galleryIndices } from '../../../src/data/own-images/gallery';

describe('galleryIndices', () => {
  it('picks the first perClass indices of each class, in dataset order', () => {
    const y = new Int32Array([2, 0, 0, 1, 0, 2, 0, 1]);
    expect(galleryIndices(y, 3, 2)).toEqual([[1, 2], [3, 7], [0, 5]]);
    expect(galleryIndices(y, 3, 10)).toEqual([[1, 2, 4, 6], [3, 7], [0, 5]]);
  });

  it('leaves a class with no examples empty, and refuses a label outside the classes', () => {
    expect(galleryIndices([0, 0, 2], 3, 4)).toEqual([[0, 1], [], [2]]);
    expect(() => galleryIndices([0, 3], 3, 4)).toThrow('example 1 has class 3, outside 0..2');
  });

  it('stops reading once every class is full (a label past that point is not looked at)', () => {
    expect(galleryIndices([0, 1, 0, 1, 99], 2, 2)).toEqual([[0, 2], [1, 3]]);
  });
});
