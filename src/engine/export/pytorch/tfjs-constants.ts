// tfjs's optimizer constants as the engine uses them (src/engine/train/optimizers.ts's OPTIMIZER_DEFAULTS, which
// imports tfjs), kept here as plain numbers so the script generator loads no tfjs. A unit test keeps them equal.
export const TFJS_OPTIMIZER_CONSTANTS = { momentum: 0.9, beta1: 0.9, beta2: 0.999, rho: 0.9, epsilon: 1e-7 } as const;
