import { describe, expect, it } from 'vitest';
import { MNIST_SIZE, toMnistInput } from '../../src/ui/export/mnist-input';

/** A width×height canvas of zeros with ink 1 in the rectangle [x0, x1) × [y0, y1). */
function canvas(width: number, height: number, [x0, y0, x1, y1]: number[]) {
  const ink = new Float32Array(width * height);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * width + x] = 1;
  return ink;
}

function extent(image: Float32Array) {
  const lit: [number, number][] = [];
  image.forEach((v, i) => v > 0.5 && lit.push([i % MNIST_SIZE, Math.floor(i / MNIST_SIZE)]));
  const xs = lit.map(([x]) => x);
  const ys = lit.map(([, y]) => y);
  return { width: Math.max(...xs) - Math.min(...xs) + 1, height: Math.max(...ys) - Math.min(...ys) + 1, cx: (Math.max(...xs) + Math.min(...xs)) / 2, cy: (Math.max(...ys) + Math.min(...ys)) / 2 };
}

describe('toMnistInput', () => {
  it('scales the ink to a 20-pixel box, keeps the aspect ratio and centres it, wherever it was drawn', () => {
    // a 100×50 block in the top-left corner of a 200×200 pad
    const image = toMnistInput(canvas(200, 200, [0, 0, 100, 50]), 200, 200);
    expect(image).toHaveLength(MNIST_SIZE * MNIST_SIZE);
    const e = extent(image);
    expect(e.width).toBe(20);
    expect(e.height).toBe(10);
    expect(Math.abs(e.cx - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(e.cy - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...image)).toBeLessThanOrEqual(1);
  });

  it('gives an empty image for an empty pad', () => {
    expect(toMnistInput(new Float32Array(100), 10, 10).every((v) => v === 0)).toBe(true);
  });
});
