// Keeps the images being decoded at once within a pixel count, so parallel decodes cannot exhaust memory.

/**
 * Pixels being decoded at once, at most: 64 million is 256 MB of RGBA bitmaps, so four phone photos (12 MP)
 * decode together but an 8192×8192 image decodes alone.
 */
export const PIXELS_AT_ONCE = 64 * 1024 ** 2;

/** A count of pixels shared by the decodes in flight; take() waits until what it asks for fits. */
export class PixelBudget {
  private used = 0;
  private waiting: (() => void)[] = [];

  constructor(private readonly limit = PIXELS_AT_ONCE) {}

  async take(pixels: number): Promise<() => void> {
    const asked = Math.min(pixels, this.limit);
    while (this.used + asked > this.limit) await new Promise<void>((wake) => this.waiting.push(wake));
    this.used += asked;
    return () => {
      this.used -= asked;
      for (const wake of this.waiting.splice(0)) wake();
    };
  }
}
