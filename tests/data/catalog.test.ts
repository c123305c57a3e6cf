import { describe, expect, it } from 'vitest';
import { isImageDataset, isPointsDataset } from '../../src/data/catalog';

describe('catalog', () => {
  it('knows its datasets and nothing that merely sits on an object prototype', () => {
    expect(isPointsDataset('spiral')).toBe(true);
    expect(isImageDataset('fashion-mnist')).toBe(true);
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(isPointsDataset(name) || isImageDataset(name)).toBe(false);
    }
  });
});
