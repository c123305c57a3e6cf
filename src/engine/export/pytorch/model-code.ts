// The model class of the exported script, layer by layer from the spec: Keras's layer names become the module
// attributes (so model.json's weights map onto them by name), images stay NHWC at the input as the sandbox
// feeds them and turn NCHW before the first convolution, flatten goes back to NHWC order first (so a dense
// kernel trained in the browser means the same thing here), and TensorFlow's 'same' padding, which pads the
// extra row and column at the bottom and right, is written out as an explicit F.pad where it is uneven.
import { datasetInfo } from '../../../data/catalog';
import type { Activation, ExperimentSpec } from '../../model/spec';
import { layerNames, outputUnits, summarize } from '../../model/summary';
import { py } from './python';
import { kernelInitOf } from './spec-extras';

/** Keras's activations as torch calls on `x` (swish is x·sigmoid(x), torch's SiLU). */
const ACTIVATION: Record<Activation, (x: string) => string> = {
  relu: (x) => `F.relu(${x})`, tanh: (x) => `torch.tanh(${x})`, sigmoid: (x) => `torch.sigmoid(${x})`,
  elu: (x) => `F.elu(${x})`, selu: (x) => `F.selu(${x})`, swish: (x) => `F.silu(${x})`, linear: (x) => x,
};

/** TensorFlow's 'same' padding along one axis: total = max((⌈in/s⌉ − 1)·s + k − in, 0), the smaller half first. */
function samePadding(size: number, kernel: number, stride: number): [before: number, after: number] {
  const total = Math.max((Math.ceil(size / stride) - 1) * stride + kernel - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

type Layout = 'flat' | 'nhwc' | 'nchw';

export interface ModelCode {
  /** The class definition. */
  text: string;
  /** Layer names that carry weights, in order (for loading model.json). */
  weighted: string[];
}

export function modelCode(spec: ExperimentSpec): ModelCode {
  const info = datasetInfo(spec.dataset);
  const names = layerNames(spec.model.layers);
  const summary = summarize(spec);
  const init: string[] = [];
  const forward: string[] = [];
  const inits: string[] = [];
  const weighted: string[] = [];
  let shape = info.inputShape;
  let layout: Layout = shape.length === 1 ? 'flat' : 'nhwc';
  const toNchw = () => {
    if (layout !== 'nhwc') return;
    forward.push('x = x.permute(0, 3, 1, 2)  # NHWC (as the sandbox stores images) -> NCHW (as torch convolves)');
    layout = 'nchw';
  };
  const initKernel = (name: string, layer: Parameters<typeof kernelInitOf>[0]) => {
    const { initializer, stddev } = kernelInitOf(layer);
    inits.push(`keras_init_(self.${name}.weight, ${py(initializer)}${initializer === 'randomNormal' ? `, ${py(stddev)}` : ''})`,
      `nn.init.zeros_(self.${name}.bias)`);
  };

  spec.model.layers.forEach((layer, i) => {
    const name = names[i];
    const out = summary.layers[i].outputShape;
    switch (layer.type) {
      case 'dense':
        init.push(`self.${name} = nn.Linear(${shape[0]}, ${layer.units})`);
        forward.push(`x = ${ACTIVATION[layer.activation](`self.${name}(x)`)}`);
        initKernel(name, layer);
        weighted.push(name);
        break;
      case 'conv2d': {
        toNchw();
        const [h, w, c] = shape;
        let padding = '0';
        if (layer.padding === 'same') {
          const [top, bottom] = samePadding(h, layer.kernelSize, layer.strides);
          const [left, right] = samePadding(w, layer.kernelSize, layer.strides);
          if (top === bottom && left === right) padding = `(${top}, ${left})`;
          else forward.push(`x = F.pad(x, (${left}, ${right}, ${top}, ${bottom}))  # 'same' as TensorFlow pads: extra at the bottom/right`);
        }
        init.push(`self.${name} = nn.Conv2d(${c}, ${layer.filters}, kernel_size=${layer.kernelSize}, stride=${layer.strides}, padding=${padding})`);
        forward.push(`x = ${ACTIVATION[layer.activation](`self.${name}(x)`)}`);
        initKernel(name, layer);
        weighted.push(name);
        break;
      }
      case 'maxPooling2d':
      case 'averagePooling2d':
        toNchw();
        init.push(`self.${name} = nn.${layer.type === 'maxPooling2d' ? 'MaxPool2d' : 'AvgPool2d'}(kernel_size=${layer.poolSize}, stride=${layer.strides})`);
        forward.push(`x = self.${name}(x)`);
        break;
      case 'batchNormalization': {
        // Keras's momentum 0.99 keeps 99% of the old average; torch's momentum is the share of the new batch: 0.01
        toNchw();
        const features = shape[shape.length - 1];
        init.push(`self.${name} = nn.BatchNorm${shape.length === 1 ? '1d' : '2d'}(${features}, momentum=1 - BN_MOMENTUM_KERAS, eps=BN_EPSILON)`);
        forward.push(`x = self.${name}(x)`);
        weighted.push(name);
        break;
      }
      case 'dropout':
        init.push(`self.${name} = nn.Dropout(${py(layer.rate)})`);
        forward.push(`x = self.${name}(x)`);
        break;
      case 'flatten':
        if (layout === 'nchw') forward.push('x = x.permute(0, 2, 3, 1)  # back to NHWC: Keras flattens height, width, channels');
        forward.push('x = torch.flatten(x, 1)');
        layout = 'flat';
        break;
    }
    shape = out;
  });
  const units = outputUnits(info);
  init.push(`self.output = nn.Linear(${shape[0]}, ${units})  # ${info.task === 'regression' ? 'one linear unit' : 'logits; softmax is in the loss'}`);
  forward.push('return self.output(x)');
  initKernel('output', { type: 'dense', units, activation: 'linear', kernelInitializer: 'glorotUniform', initStddev: 0.05, l1: 0, l2: 0 });
  weighted.push('output');

  const inputDoc = info.inputShape.length === 1 ? '[batch, 2] points' : `[batch, ${info.inputShape.join(', ')}] images in [0, 1], NHWC`;
  const indent = (lines: string[], n: number) => lines.map((l) => ' '.repeat(n) + l).join('\n');
  const text = `class Model(nn.Module):
    """${['input', ...names, 'output'].join(' -> ')}: the sandbox's layers, under their Keras names."""

    def __init__(self):
        super().__init__()
${indent(init, 8)}
${indent(inits, 8)}

    def forward(self, x):
        """x: ${inputDoc}. Returns ${info.task === 'regression' ? 'the predicted value [batch, 1]' : `logits [batch, ${units}]`}."""
${indent(forward, 8)}


LAYERS_WITH_WEIGHTS = ${py(weighted)}
`;
  return { text, weighted };
}
