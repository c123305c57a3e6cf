// A drawing turned into an MNIST-like input, as the MNIST set was made: the ink's bounding box scaled so its
// longer side is 20 pixels (box-filtered, aspect kept), placed in a 28×28 field with its centre of mass at the
// centre. Input: ink in [0, 1], row-major [height × width]; output: [28 × 28] in [0, 1].
export const MNIST_SIZE = 28;
const BOX = 20;

export function toMnistInput(ink: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > 0.05) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  if (x1 < 0) return out;
  const [w, h] = [x1 - x0 + 1, y1 - y0 + 1];
  const scale = BOX / Math.max(w, h);
  const [bw, bh] = [Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale))];
  // box filter: each small pixel averages the source pixels it covers
  const small = new Float32Array(bw * bh);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [sx, sy] = [Math.min(bw - 1, Math.floor(x * scale)), Math.min(bh - 1, Math.floor(y * scale))];
      small[sy * bw + sx] += ink[(y0 + y) * width + x0 + x];
    }
  }
  const perPixel = 1 / (scale * scale);
  let [mass, mx, my] = [0, 0, 0];
  for (let i = 0; i < small.length; i++) {
    small[i] = Math.min(1, small[i] / perPixel);
    mass += small[i];
    mx += small[i] * (i % bw);
    my += small[i] * Math.floor(i / bw);
  }
  // shift so the centre of mass lands on the field's centre (14, 14 in pixel-centre coordinates 13.5)
  const dx = Math.round((MNIST_SIZE - 1) / 2 - mx / mass);
  const dy = Math.round((MNIST_SIZE - 1) / 2 - my / mass);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      const [tx, ty] = [x + dx, y + dy];
      if (tx >= 0 && ty >= 0 && tx < MNIST_SIZE && ty < MNIST_SIZE) out[ty * MNIST_SIZE + tx] = small[y * bw + x];
    }
  }
  return out;
}
