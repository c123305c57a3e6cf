// Weight quantization in the tfjs weights-manifest format, as tfjs-converter writes it (quantization.py,
// write_weights.py) and as tfjs-core's io_utils decodeWeights reads it back:
//   uint8 / uint16: affine per tensor, value ≈ q·scale + min, q an unsigned integer code;
//   float16: IEEE binary16 bits, round to nearest, ties to even (numpy's astype(float16)).
// The manifest keeps the weight's own dtype ('float32') and adds a `quantization` entry; the bytes are the codes
// in little-endian order, tensor after tensor.
import { toFloat16Bits } from '../precision/float16';

/** How the weights are stored: float32 untouched, or one of tfjs's three quantized encodings. */
export type WeightFormat = 'float32' | 'float16' | 'uint16' | 'uint8';
export const WEIGHT_FORMATS: readonly WeightFormat[] = ['float32', 'float16', 'uint16', 'uint8'];

/** Bytes each value takes in the weights file. */
export const BYTES_PER_VALUE: Record<WeightFormat, number> = { float32: 4, float16: 2, uint16: 2, uint8: 1 };

/** A manifest entry's `quantization` field, keys in the order tfjs-converter writes them. */
export type Quantization =
  | { dtype: 'uint8' | 'uint16'; min: number; scale: number; original_dtype: 'float32' }
  | { dtype: 'float16'; original_dtype: 'float32' };

export interface QuantizedTensor {
  /** The values as stored in the weights file. */
  bytes: Uint8Array;
  /** Absent for float32, which is stored as is. */
  quantization?: Quantization;
}

export interface AffineRange {
  min: number;
  scale: number;
  /** The largest code, 255 or 65535: the range is [min, min + quantMax·scale]. */
  quantMax: number;
}

export interface AffineOptions {
  /**
   * Widen [min, max] to include 0 before nudging, so 0 is exactly representable in every tensor (the default).
   * tfjs-converter does not widen: where 0 lies outside [min, max] it keeps the range as is. Both give files
   * that stock tfjs reads alike; widening only changes tensors that hold no zero, whose step grows a little.
   */
  widenToZero?: boolean;
}

/** numpy's np.round: to nearest, ties to even. Python's converter uses it for both zero point and codes. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The affine range for values in [lo, hi], following tfjs-converter's _get_affine_quantization_range
 * (itself TF-Lite's NudgeQuantizationRange), all in float64:
 *   scale = (hi − lo) / quantMax
 *   zeroPoint = roundHalfEven((0 − lo) / scale)      — the code that will stand for 0
 *   min = 0 − zeroPoint·scale                       — so zeroPoint·scale + min is exactly 0 in float64,
 *                                                     and tfjs's Float32Array receives exactly 0
 * when lo ≤ 0 ≤ hi (always, once widened). The nudged range [min, min + quantMax·scale] is the original moved
 * by less than scale/2, so clipping into it moves a value by at most scale/2.
 * Constant tensors (lo = hi) take the converter's special case: scale 1, min = the constant, every code 0.
 */
export function affineRange(lo: number, hi: number, quantMax: number, options: AffineOptions = {}): AffineRange {
  if (options.widenToZero ?? true) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (lo === hi) return { min: lo, scale: 1, quantMax };
  const scale = (hi - lo) / quantMax;
  if (lo > 0 || hi < 0) return { min: lo, scale, quantMax };
  const zeroPoint = roundHalfEven((0 - lo) / scale);
  return { min: 0 - zeroPoint * scale, scale, quantMax };
}

/** The codes roundHalfEven((clip(v, min, max) − min) / scale), as tfjs-converter computes them. */
export function quantizeAffine(values: Float32Array, dtype: 'uint8' | 'uint16', options: AffineOptions = {}): QuantizedTensor {
  const quantMax = dtype === 'uint8' ? 0xff : 0xffff;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error(`cannot quantize a weight that is ${v}: the model diverged; retrain it with a lower learning rate`);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (values.length === 0) lo = hi = 0;
  const { min, scale } = affineRange(lo, hi, quantMax, options);
  const max = min + quantMax * scale;
  const codes = dtype === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const clipped = Math.min(Math.max(values[i], min), max);
    codes[i] = Math.min(quantMax, Math.max(0, roundHalfEven((clipped - min) / scale)));
  }
  return { bytes: littleEndianBytes(codes), quantization: { dtype, min, scale, original_dtype: 'float32' } };
}

/** Binary16 bit patterns of the values (overflow beyond ±65504 becomes ±Infinity, as numpy's cast does). */
export function quantizeFloat16(values: Float32Array): QuantizedTensor {
  return { bytes: littleEndianBytes(toFloat16Bits(values)), quantization: { dtype: 'float16', original_dtype: 'float32' } };
}

/** One float32 tensor's values encoded in `format`. */
export function quantizeTensor(values: Float32Array, format: WeightFormat, options: AffineOptions = {}): QuantizedTensor {
  switch (format) {
    case 'float32': return { bytes: littleEndianBytes(values) };
    case 'float16': return quantizeFloat16(values);
    case 'uint16':
    case 'uint8': return quantizeAffine(values, format, options);
  }
}

/** What tfjs-core's decodeWeights does with one tensor's codes: q·scale + min (float64, then float32). */
export function dequantizeAffine(codes: ArrayLike<number>, quantization: { min: number; scale: number }): Float32Array {
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] * quantization.scale + quantization.min;
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The typed array's bytes in little-endian order, the order .bin files use whatever machine reads them. */
function littleEndianBytes(array: Float32Array | Uint16Array | Uint8Array): Uint8Array {
  const bytes = new Uint8Array(array.buffer.slice(array.byteOffset, array.byteOffset + array.byteLength));
  if (LITTLE_ENDIAN || array.BYTES_PER_ELEMENT === 1) return bytes;
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < array.length; i++) {
    if (array instanceof Float32Array) view.setFloat32(i * 4, array[i], true);
    else view.setUint16(i * 2, array[i], true);
  }
  return bytes;
}
