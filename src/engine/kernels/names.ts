// Names and attributes of the float16 kernels, shared by the ops (float16-op.ts) and each backend's kernels.

/** x (float32) → x rounded to binary16, still float32. */
export const ROUND_FLOAT16 = 'RoundFloat16';
/** x (float32, n values) → int32 [ceil(n/2)]: two binary16 bit patterns per word, element 2i in the low half. */
export const PACK_FLOAT16 = 'PackFloat16';
/** The inverse of PackFloat16: int32 words → float32 of `shape`. */
export const UNPACK_FLOAT16 = 'UnpackFloat16';

/**
 * 'exact': integer bit manipulation, round to nearest even, overflow to ±Infinity (the default everywhere).
 * 'native': WGSL's pack2x16float / unpack2x16float, whose rounding and out-of-range results the WGSL spec
 * leaves to the implementation; kept to measure what a GPU does, not for training.
 */
export type Float16Conversion = 'exact' | 'native';

export interface PackAttrs {
  conversion: Float16Conversion;
}
export interface UnpackAttrs {
  shape: number[];
  size: number;
  conversion: Float16Conversion;
}
