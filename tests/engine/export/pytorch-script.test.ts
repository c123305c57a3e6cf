// The PyTorch script generator without Python: what it writes for the layouts and paddings that differ between
// TensorFlow and torch, the optional spec fields it reads (initializers, clipping, schedule), and tfjs's constants.
// tests/python/ runs the scripts themselves against the engine.
import { describe, expect, it } from 'vitest';
import { pytorchScript } from '../../../src/engine/export/pytorch/script';
import { batchNorm, conv2d, dense, flatten, presetSpec } from '../../../src/engine/model/presets';
import { TFJS_OPTIMIZER_CONSTANTS } from '../../../src/engine/export/pytorch/tfjs-constants';
import { OPTIMIZER_DEFAULTS } from '../../../src/engine/train/optimizer';

const mnist = (layers: ReturnType<typeof presetSpec>['model']['layers']) => ({ ...presetSpec('mnist-cnn'), model: { layers } });

describe('pytorchScript', () => {
  it('goes NHWC → NCHW before the first convolution and back to NHWC before flattening', () => {
    const script = pytorchScript(mnist([conv2d(4, 3), flatten, dense(8)]));
    const start = script.indexOf('def forward(self, x):');
    const lines = script.slice(start, script.indexOf('LAYERS_WITH_WEIGHTS =', start)).split('\n').map((l) => l.trim());
    const at = (text: string) => lines.findIndex((l) => l.startsWith(text));
    expect([at('x = x.permute(0, 3, 1, 2)'), at('x = F.relu(self.conv2d_1(x))'), at('x = x.permute(0, 2, 3, 1)'), at('x = torch.flatten(x, 1)')])
      .toEqual([2, 3, 4, 5]);
    expect(script).toContain('self.dense_1 = nn.Linear(2704, 8)');
  });

  it('pads \'same\' as TensorFlow: symmetric when it can, else the extra row and column at the bottom and right', () => {
    expect(pytorchScript(mnist([conv2d(4, 5, 'relu', 'same'), flatten]))).toContain('padding=(2, 2)');
    const strided = pytorchScript(mnist([{ ...conv2d(4, 4, 'relu', 'same'), strides: 2 }, flatten]));
    // 28 → 14 with stride 2 and kernel 4: total padding (14 − 1)·2 + 4 − 28 = 2, one each side; kernel 3: 1, at the end
    expect(strided).toContain('padding=(1, 1)');
    expect(pytorchScript(mnist([{ ...conv2d(4, 3, 'relu', 'same'), strides: 2 }, flatten]))).toContain('x = F.pad(x, (0, 1, 0, 1))');
  });

  it('writes batch normalization with Keras\'s momentum and epsilon, 2d on feature maps and 1d on vectors', () => {
    const script = pytorchScript(mnist([conv2d(4, 3), batchNorm, flatten, dense(8), batchNorm]));
    expect(script).toContain('self.batch_normalization_1 = nn.BatchNorm2d(4, momentum=1 - BN_MOMENTUM_KERAS, eps=BN_EPSILON)');
    expect(script).toContain('self.batch_normalization_2 = nn.BatchNorm1d(8, momentum=1 - BN_MOMENTUM_KERAS, eps=BN_EPSILON)');
    expect(script).toMatch(/^BN_MOMENTUM_KERAS = 0\.99 /m);
  });

  it('reads the optional kernel initializer, clipping and schedule fields, with Keras\'s defaults where absent', () => {
    const spec = presetSpec('moons-mlp');
    const plain = pytorchScript(spec);
    expect(plain).toContain('keras_init_(self.dense_1.weight, "glorotUniform")');
    expect(plain).toMatch(/^CLIPNORM = 0$/m);
    expect(plain).toMatch(/^SCHEDULE = None$/m);
    spec.model.layers[0] = { ...dense(16), kernelInitializer: 'randomNormal', initStddev: 0.02 } as typeof spec.model.layers[0];
    spec.model.layers[1] = { ...dense(16), kernelInitializer: 'heNormal' } as typeof spec.model.layers[1];
    Object.assign(spec.training, { clipnorm: 1, clipvalue: 0.5, globalClipnorm: 2, schedule: { kind: 'cosineDecay', warmupEpochs: 1, alpha: 0.1 } });
    const extra = pytorchScript(spec);
    expect(extra).toContain('keras_init_(self.dense_1.weight, "randomNormal", 0.02)');
    expect(extra).toContain('keras_init_(self.dense_2.weight, "heNormal")');
    expect(extra).toMatch(/^CLIPNORM = 1$/m);
    expect(extra).toMatch(/^CLIPVALUE = 0\.5$/m);
    expect(extra).toMatch(/^GLOBAL_CLIPNORM = 2$/m);
    expect(extra).toContain('SCHEDULE = {"kind": "cosineDecay", "warmupEpochs": 1, "alpha": 0.1}');
  });

  it('writes tfjs\'s optimizer constants and the kernel penalties of the regularized layers', () => {
    const spec = presetSpec('moons-mlp');
    spec.model.layers[1] = dense(16, 'relu', 0.001, 0.01);
    const script = pytorchScript(spec);
    expect(TFJS_OPTIMIZER_CONSTANTS).toEqual(OPTIMIZER_DEFAULTS);
    expect(script).toMatch(new RegExp(`^EPSILON = ${OPTIMIZER_DEFAULTS.epsilon} `, 'm'));
    expect(script).toContain(`ADAM_BETAS = (${OPTIMIZER_DEFAULTS.beta1}, ${OPTIMIZER_DEFAULTS.beta2})`);
    expect(script).toContain(`RMSPROP_RHO = ${OPTIMIZER_DEFAULTS.rho}`);
    expect(script).toContain('REGULARIZED = [["dense_2", 0.001, 0.01]]');
  });
});
