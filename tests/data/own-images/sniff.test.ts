// The header sniffer reads each format's size without decoding, and names what a non-image file looks like.
import { describe, expect, it } from 'vitest';
import { imageProblem } from '../../../src/data/own-images/decode';
import { sniffImage } from '../../../src/data/own-images/sniff';
import { gifBytes, jpegHeader, pngBytes, pngHeaderOnly, webpHeader } from './image-bytes';

const text = (s: string) => new TextEncoder().encode(s);

describe('sniffImage', () => {
  it('reads the size of a real PNG and GIF, and of JPEG and WebP headers', () => {
    expect(sniffImage(pngBytes(7, 5, () => [1, 2, 3]))).toEqual({ format: 'png', width: 7, height: 5 });
    expect(sniffImage(gifBytes(9, 4, [[0, 0, 0]], () => 0))).toEqual({ format: 'gif', width: 9, height: 4 });
    expect(sniffImage(jpegHeader(640, 480))).toEqual({ format: 'jpeg', width: 640, height: 480 });
    expect(sniffImage(webpHeader.lossy(300, 200))).toEqual({ format: 'webp', width: 300, height: 200 });
    expect(sniffImage(webpHeader.lossless(16383, 2))).toEqual({ format: 'webp', width: 16383, height: 2 });
    expect(sniffImage(webpHeader.extended(20000, 123))).toEqual({ format: 'webp', width: 20000, height: 123 });
  });

  it('finds the JPEG frame header after other segments, and says when there is none', () => {
    const exif = [0xff, 0xe1, 0, 6, 0x45, 0x78, 0x69, 0x66];
    const header = jpegHeader(33, 44);
    const withExif = new Uint8Array([...header.subarray(0, 2), ...exif, ...header.subarray(2)]);
    expect(sniffImage(withExif)).toEqual({ format: 'jpeg', width: 33, height: 44 });
    expect(sniffImage(header.subarray(0, 20))).toEqual({ format: null, looksLike: expect.stringMatching(/JPEG.*no frame header/) });
  });

  it('names the formats people pick by mistake', () => {
    expect(sniffImage(text('%PDF-1.7\n...'))).toEqual({ format: null, looksLike: 'a PDF' });
    expect(sniffImage(text('name,age\nann,3\n'))).toEqual({ format: null, looksLike: 'a text file' });
    expect(sniffImage(text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ format: null, looksLike: 'an SVG drawing' });
    expect(sniffImage(new Uint8Array([0, 0, 0, 24, ...text('ftypheic'), 0, 0]))).toEqual({ format: null, looksLike: expect.stringMatching(/HEIC/) });
    expect(sniffImage(new Uint8Array(0))).toEqual({ format: null, looksLike: 'an empty file' });
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e]))).toEqual({ format: null, looksLike: undefined });
  });
});

describe('imageProblem', () => {
  it('refuses a 20,000×20,000 PNG from its header alone, saying what to do', () => {
    expect(imageProblem(pngHeaderOnly(20000, 20000))).toBe('20000×20000 pixels: larger than 8192 px a side; resize it first');
    expect(imageProblem(pngHeaderOnly(8192, 8192))).toBeNull();
    expect(imageProblem(jpegHeader(100, 9000))).toMatch(/^100×9000 pixels: larger than 8192/);
  });

  it('says a non-image is not an image, and a zero-sized header is broken', () => {
    expect(imageProblem(text('%PDF-1.4'))).toBe('not a PNG, JPEG, WebP or GIF image (looks like a PDF): convert it to one of those, or remove it');
    expect(imageProblem(pngHeaderOnly(0, 10))).toMatch(/0×10 pixels: the PNG header is broken/);
  });
});
