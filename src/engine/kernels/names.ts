// The name of the float16 rounding kernel, shared by the op (precision/float16-op.ts) and each backend's kernel.

/** x (float32) → x rounded to binary16, still float32. */
export const ROUND_FLOAT16 = 'RoundFloat16';
