// The live network diagram's numbers, as TensorFlow Playground draws them: one inference pass over a
// resolution² grid of the plane gives every neuron's output at every grid point (each neuron is then drawn as a
// small heatmap), and the kernels give the links between neurons. One tidy, one read-back of one packed tensor.
// Only for models diagramSupport (model/diagram-support.ts) accepts: dense layers (dropout between them) on 2 inputs.
import * as tf from '@tensorflow/tfjs';
import { DIAGRAM_LIMITS } from '../model/diagram-support';
import type { Network } from '../model/network';
import { gridPoints } from './views';

export const DIAGRAM_RESOLUTION = 24;

export interface DiagramLayer {
  /** 'input', the hidden layer's name (dense_1, …) or 'output'. */
  name: string;
  /** The hidden layer's activation; 'input' for the inputs; for the output 'probability' or 'linear'. */
  activation: string;
  /** Units the layer has. */
  units: number;
  /** Units drawn: the first min(units, DIAGRAM_LIMITS.drawnUnits). */
  drawn: number;
  /** [drawn, resolution²], unit after unit, each in gridPoints' order (row-major from the top of the plane). */
  values: Float32Array;
}

export interface NetworkDiagram {
  resolution: number;
  /** The grid spans [-extent, extent]². */
  extent: number;
  /** Inputs, hidden dense layers, output (one neuron: P(class 1), or the regression value). */
  layers: DiagramLayer[];
  /**
   * links[i]: [layers[i].drawn, layers[i + 1].drawn] row-major, the kernel between the drawn units. Into a
   * two-class output it is kernel[:, 1] − kernel[:, 0]: softmax over two logits is σ(z₁ − z₀), so that
   * difference is what moves P(class 1).
   */
  links: Float32Array[];
  /** biases[i]: the bias of layers[i + 1]'s drawn units (for the output, b₁ − b₀ likewise). */
  biases: Float32Array[];
}

export class NetworkDiagramProbe {
  readonly #network: Network;
  /** [resolution², 2]: the grid's points. */
  readonly #grid: tf.Tensor2D;
  readonly #extent: number;
  readonly #resolution: number;

  constructor(network: Network, extent: number, resolution = DIAGRAM_RESOLUTION) {
    this.#network = network;
    this.#extent = extent;
    this.#resolution = resolution;
    this.#grid = tf.tensor2d(gridPoints(resolution, extent), [resolution * resolution, 2]);
  }

  /** Every drawn neuron's output over the grid and the links between them, in inference mode. */
  async read(): Promise<NetworkDiagram> {
    const network = this.#network;
    const specLayers = network.spec.model.layers;
    const denseNames = network.names.filter((_, i) => specLayers[i]?.type === 'dense');
    const shapes: Omit<DiagramLayer, 'values'>[] = [];
    const drawn = (units: number) => Math.min(units, DIAGRAM_LIMITS.drawnUnits);
    const packed = tf.tidy(() => {
      const hidden: tf.Tensor2D[] = [];
      const logits = network.forward(this.#grid, {
        training: false,
        onLayer: (i, h) => { if (specLayers[i].type === 'dense') hidden.push(h as tf.Tensor2D); },
      });
      const classification = network.task === 'classification';
      const output = classification ? tf.slice(tf.softmax(logits), [0, 1], [-1, 1]) : logits;
      const outputs: tf.Tensor2D[] = [this.#grid, ...hidden, output as tf.Tensor2D];
      const values = outputs.map((h, l) => {
        const units = h.shape[1];
        shapes.push({
          name: l === 0 ? 'input' : l === outputs.length - 1 ? 'output' : denseNames[l - 1],
          activation: l === 0 ? 'input' : l === outputs.length - 1 ? (classification ? 'probability' : 'linear') : activationOf(specLayers, l - 1),
          units, drawn: drawn(units),
        });
        return tf.transpose(tf.slice(h, [0, 0], [-1, drawn(units)])).flatten(); // [drawn, points]
      });
      const links = network.kernels.map(({ kernel }, k) => {
        const [from, to] = [shapes[k].drawn, shapes[k + 1].drawn];
        const w = k === network.kernels.length - 1 && classification ? logitDifference(kernel as tf.Tensor2D) : kernel;
        return tf.slice(w, [0, 0], [from, to]).flatten();
      });
      // the dense layers' biases in layer order, as network.kernels has their kernels
      const dense = network.model.layers.flatMap((layer) => layer.weights.filter((w) => w.originalName.endsWith('/bias')));
      const biases = dense.map((weight, k) => {
        const bias = weight.read() as tf.Tensor1D;
        const b = k === network.kernels.length - 1 && classification ? tf.sub(tf.slice(bias, 1, 1), tf.slice(bias, 0, 1)) : bias;
        return tf.slice(b, 0, shapes[k + 1].drawn);
      });
      const parts = [...values, ...links, ...biases];
      return { all: tf.concat(parts), sizes: parts.map((p) => p.size) };
    });
    const flat = (await packed.all.data()) as Float32Array;
    packed.all.dispose();
    let offset = 0;
    const take = (size: number) => flat.slice(offset, (offset += size));
    const n = shapes.length;
    const sizes = packed.sizes;
    const layers = shapes.map((s, l) => ({ ...s, values: take(sizes[l]) }));
    const links = sizes.slice(n, 2 * n - 1).map(take);
    const biases = sizes.slice(2 * n - 1).map(take);
    return { resolution: this.#resolution, extent: this.#extent, layers, links, biases };
  }

  dispose() {
    this.#grid.dispose();
  }
}

/** kernel[:, 1] − kernel[:, 0], as [inputs, 1]. */
function logitDifference(kernel: tf.Tensor2D): tf.Tensor2D {
  return tf.sub(tf.slice(kernel, [0, 1], [-1, 1]), tf.slice(kernel, [0, 0], [-1, 1]));
}

function activationOf(layers: Network['spec']['model']['layers'], denseIndex: number): string {
  const layer = layers.filter((l) => l.type === 'dense')[denseIndex];
  return layer?.type === 'dense' ? layer.activation : 'linear';
}
