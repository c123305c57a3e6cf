// Classes from folder paths: with or without one root folder, junk skipped, loose files listed, and the layouts
// that cannot make a classifier refused with the layout that is expected.
import { describe, expect, it } from 'vitest';
import { groupByClass } from '../../../src/data/own-images/class-folders';
import { ImageDataError } from '../../../src/data/own-images/types';

const files = (...paths: string[]) => paths.map((path, i) => ({ path, bytes: new Uint8Array([i]) }));
const summary = (paths: string[]) => {
  const grouped = groupByClass(files(...paths));
  return { classNames: grouped.classNames, files: grouped.files.map((f) => `${f.className}:${f.name}`), skipped: grouped.skipped.map((s) => s.file) };
};

describe('groupByClass', () => {
  it('takes classes from the folders under a picked root, sorted, keeping each file\'s path as its name', () => {
    expect(summary(['pets/dogs/1.png', 'pets/cats/1.png', 'pets/cats/2.jpg'])).toEqual({
      classNames: ['cats', 'dogs'],
      files: ['dogs:pets/dogs/1.png', 'cats:pets/cats/1.png', 'cats:pets/cats/2.jpg'],
      skipped: [],
    });
  });

  it('takes classes from the top folders of a zip with no root, and files deeper down join their top folder', () => {
    expect(summary(['b/1.png', 'a/x/1.png', 'a/2.png'])).toEqual({ classNames: ['a', 'b'], files: ['b:b/1.png', 'a:a/x/1.png', 'a:a/2.png'], skipped: [] });
  });

  it('lists loose files beside the class folders as skipped, and ignores __MACOSX, dot files and Windows separators', () => {
    const grouped = groupByClass(files('root/readme.txt', 'root\\cats\\1.png', 'root/dogs/1.png', '__MACOSX/root/cats/._1.png', 'root/.DS_Store'));
    expect(grouped.classNames).toEqual(['cats', 'dogs']);
    expect(grouped.files.map((f) => f.className)).toEqual(['cats', 'dogs']);
    expect(grouped.skipped).toEqual([{ file: 'root/readme.txt', reason: expect.stringMatching(/^is not inside a class folder: put each class in its own folder/) }]);
  });

  it('refuses files that are all at the top level, explaining the layout expected', () => {
    expect(() => groupByClass(files('1.png', '2.png'))).toThrow(ImageDataError);
    expect(() => groupByClass(files('1.png', '2.png'))).toThrow(/^All 2 files are at the top level, with no class folders\. Put each class in its own folder, e.g\. "cats\/1\.png"/);
  });

  it('refuses a single class, naming it, and an empty pick', () => {
    expect(() => groupByClass(files('pets/cats/1.png', 'pets/cats/2.png'))).toThrow(/^Only one class was found \("cats"\): a classifier needs at least two/);
    expect(() => groupByClass(files('cats/1.png', 'cats/2.png'))).toThrow(/^Only one class was found \("cats"\)/);
    expect(() => groupByClass(files('.DS_Store'))).toThrow(/^No image files were found/);
  });
});
