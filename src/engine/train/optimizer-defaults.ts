// The optimizers' hyperparameters besides the learning rate: Keras and tfjs defaults. Plain numbers, no tfjs,
// so the code export (export/pytorch/) can write them into a script without loading tfjs.

/** Epsilon is tfjs's float32 epsilon, as its optimizers use on float32 backends. */
export const OPTIMIZER_DEFAULTS = { momentum: 0.9, beta1: 0.9, beta2: 0.999, rho: 0.9, epsilon: 1e-7 } as const;
