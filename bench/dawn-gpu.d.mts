// Types for dawn-gpu.mjs (copied from ../shared/gpu): it gives Node a navigator.gpu backed by Dawn.
export declare const adapter: GPUAdapter;
