// Kernels tfjs's WASM backend lacks or gets wrong for training, built from the WASM kernels it has, and
// registered once for 'wasm' before a run uses it (backend.ts; tests/setup-node.ts under Node).
//
// - Conv2DBackpropFilter (the gradient of a convolution's kernel) is missing in tfjs-backend-wasm 4.22.0, so no
//   CNN could train there. It is written as one more convolution, which XNNPACK runs as a single GEMM:
//     dW[kh, kw, ci, co] = Σ_{b, oh, ow} x_pad[b, oh·s + kh, ow·s + kw, ci] · dy[b, oh, ow, co]
//   is conv2d(x_pad transposed to [ci, H, W, b], dy transposed to [OH, OW, b, co], stride 1, dilation s):
//   the input channels become the batch, the batch becomes the channels, and dy is the filter.
// - BatchMatMul with transposeA or transposeB (every matMul of a dense layer's gradient: dW = xᵀ·dy,
//   dx = dy·Wᵀ) leaves XNNPACK for a plain loop about 20× slower (784×256 by 256×512: 350 ms against 15 ms);
//   the operand is transposed first (in JS over the heap, about 3× faster than WASM's own Transpose) and the
//   XNNPACK path does the product.
// - GatherV2 (picking a batch's rows out of the dataset) walks every element with index arithmetic: 20 ms for
//   256 MNIST images. Rows are contiguous on the WASM heap, so each is one copyWithin (a memmove) instead.
// - OneHot with dtype float32 writes int32 bit patterns into a float32 tensor (1 reads as 1.4e-45), which
//   zeroes every cross-entropy built on it; it is replaced by the int32 one-hot cast to the dtype asked for.
import * as tf from '@tensorflow/tfjs';

type Info = tf.TensorInfo;
type KernelArgs = { inputs: Record<string, Info>; attrs?: Record<string, unknown>; backend: tf.KernelBackend };

/** Calls another WASM kernel directly (not through the engine, so nothing reaches the gradient tape). */
function call(name: string, backend: tf.KernelBackend, inputs: Record<string, Info>, attrs: Record<string, unknown> = {}): Info {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`tfjs's WASM backend has no ${name} kernel, which training on it needs.`);
  return kernel.kernelFunc({ inputs, attrs, backend } as unknown as Parameters<tf.KernelFunc>[0]) as Info;
}

const free = (backend: tf.KernelBackend, ...infos: Info[]) => infos.forEach((t) => backend.disposeData(t.dataId));

/** The attributes both convolution gradients take (Conv2DBackpropFilter and Conv2DBackpropInput). */
interface ConvGradAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}
type BackpropFilterAttrs = ConvGradAttrs & { filterShape: [number, number, number, number] };
type BackpropInputAttrs = ConvGradAttrs & { inputShape: [number, number, number, number] };

function conv2dBackpropFilter({ inputs, attrs, backend }: KernelArgs): Info {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as BackpropFilterAttrs;
  if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on WASM supports channels-last (NHWC) data only.');
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1,
    pad, dimRoundingMode, false, 'channelsLast');
  const { top, bottom, left, right } = info.padInfo;
  const [kh, kw, ci, co] = filterShape;
  // the rows and columns the forward convolution read: padding added, any the strides never reached cut off
  const rows = (info.outHeight - 1) * info.strideHeight + kh;
  const cols = (info.outWidth - 1) * info.strideWidth + kw;
  const padded = call('PadV2', backend, { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 });
  const cut = call('Slice', backend, { x: padded }, { begin: [0, 0, 0, 0], size: [x.shape[0], rows, cols, ci] });
  const xT = call('Transpose', backend, { x: cut }, { perm: [3, 1, 2, 0] }); // [ci, rows, cols, batch]
  const dyT = call('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] }); // [OH, OW, batch, co]
  const grad = call('Conv2D', backend, { x: xT, filter: dyT }, {
    strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [info.strideHeight, info.strideWidth],
  }); // [ci, kh, kw, co]
  const out = call('Transpose', backend, { x: grad }, { perm: [1, 2, 0, 3] });
  free(backend, padded, cut, xT, dyT, grad);
  if (out.shape.join() !== [kh, kw, ci, co].join()) throw new Error(`Conv2DBackpropFilter on WASM made ${out.shape}, not ${filterShape}.`);
  return out;
}

/**
 * Conv2DBackpropInput at stride 1 as a convolution XNNPACK runs (anything else: WASM's own kernel). With the
 * forward conv reading x_pad[oh + kh] (x shifted by the top padding), the input's gradient is
 *   dx[b, h, w, ci] = Σ_{kh, kw, co} dy_pad[b, h + kh, w + kw, co] · W[KH−1−kh, KW−1−kw, ci, co]
 * where dy_pad has KH−1−top rows above and KW−1−left columns before it: a valid conv with the filter flipped and
 * its channels swapped. WASM's own kernel is a plain loop: 19.5 ms of the MNIST CNN preset's 46 ms step on WASM.
 */
const convolvedBackpropInput = (original: tf.KernelFunc): tf.KernelFunc => (args) => {
  const { inputs, attrs, backend } = args as unknown as KernelArgs;
  const { dy, filter } = inputs as { dy: Info; filter: Info };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as BackpropInputAttrs;
  if (dataFormat === 'NCHW') return original(args);
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1,
    pad, dimRoundingMode, false, 'channelsLast');
  const [kh, kw] = [info.filterHeight, info.filterWidth];
  const { top, left } = info.padInfo;
  const before = [kh - 1 - top, kw - 1 - left];
  const after = [info.inHeight + kh - 1 - info.outHeight - before[0], info.inWidth + kw - 1 - info.outWidth - before[1]];
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || [...before, ...after].some((p) => p < 0)) return original(args);
  const padded = call('PadV2', backend, { x: dy }, { paddings: [[0, 0], [before[0], after[0]], [before[1], after[1]], [0, 0]], constantValue: 0 });
  const flipped = call('Reverse', backend, { x: filter }, { dims: [0, 1] });
  const swapped = call('Transpose', backend, { x: flipped }, { perm: [0, 1, 3, 2] }); // [kh, kw, co, ci]
  const dx = call('Conv2D', backend, { x: padded, filter: swapped }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] });
  free(backend, padded, flipped, swapped);
  // a dy whose size does not follow from inputShape (conv2dTranspose with an odd outputShape): WASM's own kernel
  if (dx.shape.join() !== inputShape.join()) {
    free(backend, dx);
    return original(args);
  }
  return dx;
};

type MaxPoolGradAttrs = Omit<ConvGradAttrs, 'dataFormat'> & { filterSize: number | [number, number] };

/**
 * MaxPoolGrad as one pass in JS over the WASM heap: each output's gradient goes to the first largest input of its
 * window (the CPU backend's rule: a later equal value does not take it; a window of NaNs passes none), summed
 * where windows overlap (in float32, where the CPU backend sums in float64: equal to within rounding there). WASM's own kernel took 7.9 ms of the MNIST CNN preset's 46 ms step on WASM.
 */
const heapMaxPoolGrad = (original: tf.KernelFunc): tf.KernelFunc => (args) => {
  const { inputs, attrs, backend } = args as unknown as KernelArgs;
  const { dy, input } = inputs as { dy: Info; input: Info };
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') return original(args);
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const heap = backend as unknown as WasmHeap;
  const out = heap.makeOutput(input.shape, 'float32');
  const [x, g, dx] = [heapView(heap, input), heapView(heap, dy), heapView(heap, out)]; // after makeOutput: allocating may replace the heap's buffer
  dx.fill(0);
  const { batchSize, inHeight, inWidth, inChannels: depth, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  // per channel of the current window: its largest input so far and where it is
  const best = new Float64Array(depth);
  const at = new Int32Array(depth);
  for (let b = 0; b < batchSize; b++) {
    const xb = b * inHeight * inWidth * depth;
    for (let oh = 0; oh < outHeight; oh++) {
      const r0 = oh * strideHeight - top;
      const rFrom = Math.max(0, r0);
      const rTo = Math.min(inHeight, r0 + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const c0 = ow * strideWidth - left;
        const cFrom = Math.max(0, c0);
        const cTo = Math.min(inWidth, c0 + filterWidth);
        const gAt = ((b * outHeight + oh) * outWidth + ow) * depth;
        best.fill(Number.NEGATIVE_INFINITY);
        at.fill(-1);
        // the window's positions in the same order as before for every channel, each position's channels in a row
        for (let r = rFrom; r < rTo; r++) {
          for (let c = cFrom; c < cTo; c++) {
            const i = xb + (r * inWidth + c) * depth;
            for (let d = 0; d < depth; d++) {
              if (x[i + d] > best[d]) { best[d] = x[i + d]; at[d] = i + d; }
            }
          }
        }
        for (let d = 0; d < depth; d++) if (at[d] >= 0) dx[at[d]] += g[gAt + d];
      }
    }
  }
  return out;
};

/** The kernel functions this module put in place, so a test can tell them from WASM's own. */
const ours = new WeakSet<tf.KernelFunc>();

/** Replaces kernel `name` on WASM with `wrap(original)`, keeping the original's setup. */
function override(name: string, wrap: (original: tf.KernelFunc) => tf.KernelFunc) {
  const original = tf.getKernel(name, 'wasm');
  if (!original) return;
  tf.unregisterKernel(name, 'wasm');
  const kernelFunc = wrap(original.kernelFunc);
  ours.add(kernelFunc);
  tf.registerKernel({ ...original, kernelFunc });
}

/** Whether WASM's kernel `name` is this module's (registered or wrapped here), not tfjs-backend-wasm's own. */
export function isOurWasmKernel(name: string): boolean {
  const kernel = tf.getKernel(name, 'wasm');
  return kernel !== undefined && ours.has(kernel.kernelFunc);
}

/**
 * Swaps the last two axes: [..., r, c] → [..., c, r]. Float32 in one JS pass over the WASM heap, which V8 runs
 * about 3× faster than WASM's Transpose kernel does these 2D swaps (784×256: 0.39 ms against 1.04; 512×512: 0.46
 * against 1.54, one core here); other dtypes go to that kernel.
 */
function transposeLast(backend: tf.KernelBackend, x: Info): Info {
  if (x.dtype !== 'float32') {
    const perm = x.shape.map((_, i) => i);
    perm.splice(-2, 2, perm.length - 1, perm.length - 2);
    return call('Transpose', backend, { x }, { perm });
  }
  const [rows, cols] = x.shape.slice(-2);
  const heap = backend as unknown as WasmHeap;
  const out = heap.makeOutput([...x.shape.slice(0, -2), cols, rows], 'float32');
  const [from, to] = [heapView(heap, x), heapView(heap, out)]; // after makeOutput: allocating may replace the heap's buffer
  const size = rows * cols;
  for (let m = 0; m < from.length; m += size) {
    let o = m;
    for (let c = 0; c < cols; c++) {
      for (let i = m + c, end = m + size; i < end; i += cols) to[o++] = from[i];
    }
  }
  return out;
}

/** BatchMatMul and _FusedMatMul with their operands transposed up front, so XNNPACK computes the product. */
const untransposed = (original: tf.KernelFunc): tf.KernelFunc => (args) => {
  const { inputs, attrs, backend } = args as unknown as KernelArgs;
  const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
  if (!transposeA && !transposeB) return original(args);
  const a = transposeA ? transposeLast(backend, inputs.a) : inputs.a;
  const b = transposeB ? transposeLast(backend, inputs.b) : inputs.b;
  try {
    return original({ ...args, inputs: { ...inputs, a, b }, attrs: { ...attrs, transposeA: false, transposeB: false } } as Parameters<tf.KernelFunc>[0]);
  } finally {
    // also when the product throws (shapes that do not fit): the copies are this kernel's, nothing else frees them
    free(backend, ...[transposeA ? a : null, transposeB ? b : null].filter((t): t is Info => t !== null));
  }
};

interface WasmHeap {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(id: tf.DataId): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  readSync(id: tf.DataId): ArrayLike<number>;
}

const BYTES: Partial<Record<tf.DataType, number>> = { float32: 4, int32: 4, bool: 1 };

/** A float32 tensor's values where they lie on the WASM heap (take views after allocating: the buffer may move). */
const heapView = (heap: WasmHeap, t: Info) =>
  new Float32Array(heap.wasm.HEAPU8.buffer, heap.dataIdMap.get(t.dataId).memoryOffset, tf.util.sizeFromShape(t.shape));

/** GatherV2 without batch dimensions: out[outer, i, inner] = x[outer, indices[i], inner], one memmove per row. */
const rowGather = (original: tf.KernelFunc): tf.KernelFunc => (args) => {
  const { inputs, attrs, backend } = args as unknown as KernelArgs;
  const { x, indices } = inputs;
  const bytes = BYTES[x.dtype];
  if (!bytes || (attrs?.batchDims as number) || x.shape.length === 0) return original(args);
  const axis = tf.util.parseAxisParam(attrs?.axis as number, x.shape)[0];
  const heap = backend as unknown as WasmHeap;
  const picked = heap.readSync(indices.dataId);
  const dim = x.shape[axis];
  for (const i of Array.from(picked)) {
    if (!(i >= 0 && i < dim)) throw new Error(`GatherV2: the index value ${i} is not in [0, ${dim - 1}]`);
  }
  const outer = tf.util.sizeFromShape(x.shape.slice(0, axis));
  const row = tf.util.sizeFromShape(x.shape.slice(axis + 1)) * bytes;
  const out = heap.makeOutput([...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)], x.dtype);
  const from = heap.dataIdMap.get(x.dataId).memoryOffset;
  const to = heap.dataIdMap.get(out.dataId).memoryOffset;
  const u8 = heap.wasm.HEAPU8; // read after makeOutput: allocating may grow the heap and replace its buffer
  let at = to;
  for (let o = 0; o < outer; o++) {
    const base = from + o * dim * row;
    for (let k = 0; k < picked.length; k++, at += row) u8.copyWithin(at, base + picked[k] * row, base + (picked[k] + 1) * row);
  }
  return out;
};

let registered = false;

/** Registers the kernels above for 'wasm' (once; the WASM backend module must be imported already). */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  ours.add(conv2dBackpropFilter as unknown as tf.KernelFunc);
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc });
  override('BatchMatMul', untransposed);
  override('_FusedMatMul', untransposed);
  override('GatherV2', rowGather);
  override('Conv2DBackpropInput', convolvedBackpropInput);
  override('MaxPoolGrad', heapMaxPoolGrad);
  override('OneHot', (original) => (args) => {
    const { attrs, backend } = args as unknown as KernelArgs;
    const dtype = (attrs?.dtype ?? 'int32') as tf.DataType;
    const ints = original({ ...args, attrs: { ...attrs, dtype: 'int32' } } as Parameters<tf.KernelFunc>[0]) as Info;
    if (dtype === 'int32') return ints;
    const cast = call('Cast', backend, { x: ints }, { dtype });
    free(backend, ints);
    return cast;
  });
}
