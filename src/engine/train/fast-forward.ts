// The network's forward pass for training with fused layers on WebGPU: each dense and conv2d layer is one
// matMul/conv kernel with its bias and ReLU inside (tfjs's fused ops split them into three kernels whenever a
// gradient is being recorded), and its backward pass fuses the ReLU derivative with the bias gradient
// (kernels/fused-dense-webgpu.ts). It follows Network.forward layer by layer (same kernels, same dropout masks
// in the same order), and returns null for what it does not cover, so the caller uses Network.forward instead:
// other backends, the fast path off, precision policies, batch normalization, activations other than ReLU/linear.
import * as tf from '@tensorflow/tfjs';
import { fusedWebGpu } from './fast-path';
import { FUSED_BIAS_ACTIVATION_GRAD, registerFusedDenseKernels, type FusedActivation } from '../kernels/fused-dense-webgpu';
import type { ForwardOptions, Network } from '../model/network';
import type { LayerSpec } from '../model/spec';

interface Params {
  kernel?: tf.Variable;
  bias?: tf.Variable;
}

const paramsByNetwork = new WeakMap<Network, Params[]>();

/** Each model layer's kernel and bias, as Network reads them (tfjs names the weights "<layer>/kernel" and "<layer>/bias"). */
function params(network: Network): Params[] {
  let found = paramsByNetwork.get(network);
  if (!found) {
    found = network.model.layers.map((layer) => {
      const p: Params = {};
      for (const w of layer.weights) {
        const key = w.originalName.split('/').pop();
        if (key === 'kernel' || key === 'bias') p[key] = w.read() as tf.Variable;
      }
      return p;
    });
    paramsByNetwork.set(network, found);
  }
  return found;
}

const covered = (layer: LayerSpec) =>
  layer.type === 'flatten' || layer.type === 'maxPooling2d' || layer.type === 'averagePooling2d' || layer.type === 'dropout' ||
  ((layer.type === 'dense' || layer.type === 'conv2d') && (layer.activation === 'relu' || layer.activation === 'linear'));

const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
  tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;

/** dz and db from dy and the layer's output y. */
function biasActivationGrad(dy: tf.Tensor, y: tf.Tensor, activation: FusedActivation): [tf.Tensor, tf.Tensor] {
  const outs = tf.engine().runKernel(FUSED_BIAS_ACTIVATION_GRAD, activation === 'relu' ? { dy, y } : { dy }, { activation }) as tf.Tensor[];
  return activation === 'relu' ? [outs[0], outs[1]] : [dy, outs[0]];
}

/**
 * A layer computing y = act(linear(x, kernel) + bias) with its own gradient. When `x` needs no gradient (it is
 * the batch itself) it stays out of the differentiated inputs, so its gradient is never computed.
 */
function fusedLayer(
  x: tf.Tensor, kernel: tf.Variable, bias: tf.Variable, activation: FusedActivation, xNeedsGrad: boolean,
  forward: (x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor) => tf.Tensor,
  backward: (dz: tf.Tensor, x: tf.Tensor, kernel: tf.Tensor) => { dx: () => tf.Tensor; dKernel: tf.Tensor },
): tf.Tensor {
  const body = (xIn: tf.Tensor, k: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    const y = forward(xIn, k, b);
    save([xIn, k, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, [sx, sk, sy]: tf.Tensor[]) => {
        const [dz, db] = biasActivationGrad(dy, sy, activation);
        const { dx, dKernel } = backward(dz, sx, sk);
        return xNeedsGrad ? [dx(), dKernel, db] : [dKernel, db];
      },
    };
  };
  if (xNeedsGrad) return tf.customGrad((a, k, b, save) => body(a as tf.Tensor, k as tf.Tensor, b as tf.Tensor, save as tf.GradSaveFunc))(x, kernel, bias);
  return tf.customGrad((k, b, save) => body(x, k as tf.Tensor, b as tf.Tensor, save as tf.GradSaveFunc))(kernel, bias);
}

function dense(x: tf.Tensor, kernel: tf.Variable, bias: tf.Variable, activation: FusedActivation, xNeedsGrad: boolean): tf.Tensor {
  const [m, k, n] = [x.shape[0], x.shape[1]!, kernel.shape[1]!];
  return fusedLayer(x, kernel, bias, activation, xNeedsGrad,
    (a, w, b) => tf.reshape(run('_FusedMatMul', { a: tf.reshape(a, [1, m, k]), b: tf.reshape(w, [1, k, n]), bias: b },
      { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 }), [m, n]),
    (dz, a, w) => ({ dx: () => tf.matMul(dz, w, false, true), dKernel: tf.matMul(a, dz, true, false) }));
}

function conv2d(x: tf.Tensor, kernel: tf.Variable, bias: tf.Variable, layer: Extract<LayerSpec, { type: 'conv2d' }>, xNeedsGrad: boolean): tf.Tensor {
  const activation = layer.activation as FusedActivation;
  const conv = { strides: [layer.strides, layer.strides], pad: layer.padding, dataFormat: 'NHWC', dimRoundingMode: undefined };
  return fusedLayer(x, kernel, bias, activation, xNeedsGrad,
    (a, w, b) => run('FusedConv2D', { x: a, filter: w, bias: b }, { ...conv, dilations: [1, 1], activation, leakyreluAlpha: 0 }),
    (dz, a, w) => ({
      dx: () => run('Conv2DBackpropInput', { dy: dz, filter: w }, { ...conv, inputShape: a.shape }),
      dKernel: run('Conv2DBackpropFilter', { x: a, dy: dz }, { ...conv, filterShape: w.shape }),
    }));
}

/** Logits [batch, classes] (or values [batch, 1]) as Network.forward computes them in training, or null. */
export function fastForward(network: Network, x: tf.Tensor, options: ForwardOptions): tf.Tensor | null {
  const layers = network.spec.model.layers;
  if (!options.training || options.readWeight || options.castActivation || !layers.every(covered) || !fusedWebGpu()) return null;
  registerFusedDenseKernels();
  const p = params(network);
  let h = x;
  let needsGrad = false;
  layers.forEach((layer, i) => {
    switch (layer.type) {
      case 'dense':
        h = dense(h, p[i].kernel!, p[i].bias!, layer.activation as FusedActivation, needsGrad);
        needsGrad = true;
        break;
      case 'conv2d':
        h = conv2d(h, p[i].kernel!, p[i].bias!, layer, needsGrad);
        needsGrad = true;
        break;
      case 'maxPooling2d':
        h = tf.maxPool(h as tf.Tensor4D, layer.poolSize, layer.strides, 'valid');
        break;
      case 'averagePooling2d':
        h = tf.avgPool(h as tf.Tensor4D, layer.poolSize, layer.strides, 'valid');
        break;
      case 'dropout':
        if (layer.rate > 0 && options.dropoutMask) h = tf.mul(h, options.dropoutMask(i, layer.rate, h.shape));
        break;
      case 'flatten':
        h = tf.reshape(h, [h.shape[0], -1]);
        break;
      default:
        throw new Error(`fastForward does not cover ${layer.type}`);
    }
  });
  const out = p[p.length - 1];
  return dense(h, out.kernel!, out.bias!, 'linear', needsGrad);
}
