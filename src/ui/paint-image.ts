// Draws one example image from row-major bytes into a canvas: grey or RGB, and the shipped digit and clothing
// sets (0 = background) inverted to dark ink on light paper, as they are usually shown.
export interface ImageBytes {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: number;
  /** True for the shipped sets, whose 0 means background. */
  invert: boolean;
}

export function paintImage(canvas: HTMLCanvasElement, images: ImageBytes, index: number) {
  const { width, height, channels, pixels, invert } = images;
  const image = new ImageData(width, height);
  const start = index * width * height * channels;
  for (let p = 0; p < width * height; p++) {
    const at = start + p * channels;
    const [r, g, b] = channels === 3 ? [pixels[at], pixels[at + 1], pixels[at + 2]] : [pixels[at], pixels[at], pixels[at]];
    image.data.set(invert ? [255 - r, 255 - g, 255 - b, 255] : [r, g, b, 255], p * 4);
  }
  canvas.getContext('2d')!.putImageData(image, 0, 0);
}
