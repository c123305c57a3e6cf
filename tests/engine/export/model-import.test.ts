// Files a person chooses: a good export passes and loads; every kind of bad file is refused with a message
// that names the file and says what to do.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportModel, type ExportedModel, type ModelJson } from '../../../src/engine/export/model-artifacts';
import { checkModelFiles } from '../../../src/engine/export/model-import';
import { Network } from '../../../src/engine/model/network';
import { presetSpec } from '../../../src/engine/model/presets';

let network: Network;
let uint8: ExportedModel;
beforeAll(async () => {
  network = new Network(presetSpec('moons-mlp'));
  uint8 = await exportModel(network.model, 'uint8');
});
afterAll(() => network.dispose());

const weights = (bytes: Uint8Array, name = 'model.weights.bin') => [{ name, bytes }];
const edited = (change: (json: ModelJson) => void) => {
  const json = JSON.parse(uint8.modelJson) as ModelJson;
  change(json);
  return JSON.stringify(json);
};

/** A model stock tfjs can build but the sandbox has no data for. */
async function exportOf(layers: tf.layers.Layer[]): Promise<ExportedModel> {
  const model = tf.sequential({ layers });
  const exported = await exportModel(model, 'float32');
  model.dispose();
  return exported;
}

describe('checkModelFiles accepts', () => {
  it('the sandbox\'s own export, naming the datasets it fits, ready for stock tf.loadLayersModel', async () => {
    const checked = await checkModelFiles(uint8.modelJson, weights(uint8.weightsBytes));
    expect(checked).toMatchObject({ inputShape: [2], outputUnits: 2, format: 'uint8', weightsBytes: network.model.countParams() });
    expect(checked.datasets).toEqual(['circle', 'xor', 'gaussians', 'spiral', 'moons']);
    const model = await tf.loadLayersModel(tf.io.fromMemory(checked.artifacts));
    expect(model.predict(tf.zeros([1, 2])) instanceof tf.Tensor).toBe(true);
    model.dispose();
  });

  it('a weights file renamed by the browser ("model.weights (1).bin") when it is the only one', async () => {
    await expect(checkModelFiles(uint8.modelJson, weights(uint8.weightsBytes, 'model.weights (1).bin'))).resolves.toBeTruthy();
  });

  it('weights split over several files, matched by name', async () => {
    const json = edited((j) => (j.weightsManifest[0].paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin']));
    const b = uint8.weightsBytes;
    const files = [{ name: 'group1-shard2of2.bin', bytes: b.slice(100) }, { name: 'group1-shard1of2.bin', bytes: b.slice(0, 100) }];
    const checked = await checkModelFiles(json, files);
    expect(new Uint8Array(checked.artifacts.weightData as ArrayBuffer)).toEqual(b);
  });
});

describe('checkModelFiles refuses, saying what is wrong and what to do', () => {
  const refuses = (json: string, files: { name: string; bytes: Uint8Array }[]) => expect(checkModelFiles(json, files)).rejects;

  it('a file that is not JSON (the .bin chosen as model.json)', async () => {
    await refuses(new TextDecoder().decode(uint8.weightsBytes), []).toThrow(/^model\.json is not JSON \(.*\): choose the model\.json file, not the \.bin/);
    await refuses('<!doctype html><title>404</title>', []).toThrow(/model\.json is not JSON/);
  });

  it('JSON that is not a model, or lacks modelTopology or weightsManifest', async () => {
    await refuses('[1, 2]', []).toThrow(/holds JSON but not a model/);
    await refuses(edited((j) => delete (j as Partial<ModelJson>).modelTopology), []).toThrow(/^model\.json has no modelTopology: it is not a tfjs layers model\.json/);
    await refuses(edited((j) => delete (j as Partial<ModelJson>).weightsManifest), []).toThrow(/has no weightsManifest/);
    await refuses(JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }), []).toThrow(/graph model: the sandbox loads layers models/);
  });

  it('a truncated weights file, and one longer than the manifest says', async () => {
    const short = uint8.weightsBytes.slice(0, -5);
    await refuses(uint8.modelJson, weights(short)).toThrow(`model.weights.bin is truncated: model.json describes ${uint8.weightsBytes.length} bytes of weights but the file has ${short.length}; download the model again`);
    const long = new Uint8Array(uint8.weightsBytes.length + 8);
    await refuses(uint8.modelJson, weights(long)).toThrow(/has \d+ bytes but model\.json describes \d+: the weights file belongs to a different model\.json/);
  });

  it('a missing weights file, naming it', async () => {
    await refuses(uint8.modelJson, []).toThrow(/model\.json needs the weights file "model\.weights\.bin", which was not chosen/);
  });

  it('a manifest that does not match the topology: a renamed weight, a changed shape', async () => {
    const renamed = edited((j) => (j.weightsManifest[0].weights[0].name = 'dense_9/kernel'));
    await refuses(renamed, weights(uint8.weightsBytes)).toThrow(
      /weights manifest does not match its modelTopology: the topology needs "dense_1\/kernel" \[2, 16\], which the manifest does not list; the manifest lists "dense_9\/kernel", which no layer/);
    // Same byte count (2×16 = 32 = 4×8), different shape: only the topology comparison can see it.
    const reshaped = edited((j) => (j.weightsManifest[0].weights[0].shape = [4, 8]));
    await refuses(reshaped, weights(uint8.weightsBytes)).toThrow(/"dense_1\/kernel" is \[4, 8\] in the manifest but the topology needs \[2, 16\]/);
  });

  it('a manifest entry with unusable quantization', async () => {
    const bad = edited((j) => (j.weightsManifest[0].weights[1].quantization = { dtype: 'int4' } as never));
    await refuses(bad, weights(uint8.weightsBytes)).toThrow(/entry "dense_1\/bias" has quantization .*int4.*; tfjs reads uint8, uint16 and float16/);
  });

  it('a topology tfjs cannot build', async () => {
    const broken = edited((j) => ((j.modelTopology as { config: { layers: { class_name: string }[] } }).config.layers[0].class_name = 'FancyLayer'));
    await refuses(broken, weights(uint8.weightsBytes)).toThrow(/modelTopology cannot be built by TensorFlow\.js \(.*FancyLayer.*\)/);
  });

  it('a model whose input shape fits none of the sandbox\'s datasets', async () => {
    const other = await exportOf([tf.layers.dense({ inputShape: [3], units: 2, activation: 'softmax' })]);
    await refuses(other.modelJson, weights(other.weightsBytes)).toThrow(
      'model.json takes inputs of shape [3], but the sandbox\'s datasets have [2] or [28, 28, 1]: load a model trained on one of them');
  });

  it('a model whose outputs fit no dataset with its input shape', async () => {
    const other = await exportOf([tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 7, activation: 'softmax' })]);
    await refuses(other.modelJson, weights(other.weightsBytes, 'x.bin')).toThrow(/outputs \[7\] per example, but the datasets with inputs \[28, 28, 1\] need 10 output units/);
  });

  it('names the file as the caller calls it', async () => {
    await expect(checkModelFiles('nope', [], 'digits.json')).rejects.toThrow(/^digits\.json is not JSON/);
  });
});

it('checking leaves no tensor behind, whether the files pass or not', async () => {
  const before = tf.memory().numTensors;
  await checkModelFiles(uint8.modelJson, weights(uint8.weightsBytes));
  await checkModelFiles(edited((j) => (j.weightsManifest[0].weights[0].shape = [4, 8])), weights(uint8.weightsBytes)).catch(() => null);
  expect(tf.memory().numTensors).toBe(before);
});

describe('checkModelFiles refuses non-finite weights, naming the tensor', () => {
  /** The byte offset of entry `index` in a single-group file, from its manifest (4 B float32, 2 B float16). */
  const offsetOf = (json: ModelJson, index: number, bytesPerValue: number) =>
    json.weightsManifest[0].weights.slice(0, index).reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * bytesPerValue, 0);

  it('a float32 file with NaN in its second tensor', async () => {
    const float32 = await exportModel(network.model, 'float32');
    const json = JSON.parse(float32.modelJson) as ModelJson;
    const bytes = float32.weightsBytes.slice();
    const view = new DataView(bytes.buffer);
    const at = offsetOf(json, 1, 4);
    view.setFloat32(at + 4 * 2, NaN, true);
    view.setFloat32(at + 4 * 3, NaN, true);
    const { name, shape } = json.weightsManifest[0].weights[1];
    await expect(checkModelFiles(float32.modelJson, weights(bytes))).rejects.toThrow(
      `model.json's weight "${name}" [${shape.join(', ')}] holds 2 NaN values (the first at index 2): the model was saved after its training diverged`);
  });

  it('a float16-quantized file with +Infinity (0x7c00) once dequantized', async () => {
    const half = await exportModel(network.model, 'float16');
    const json = JSON.parse(half.modelJson) as ModelJson;
    const bytes = half.weightsBytes.slice();
    new DataView(bytes.buffer).setUint16(offsetOf(json, 0, 2), 0x7c00, true);
    await expect(checkModelFiles(half.modelJson, weights(bytes))).rejects.toThrow(
      new RegExp(`^model\\.json's weight "${json.weightsManifest[0].weights[0].name}" \\[.*\\] holds 1 infinite value \\(the first at index 0\\)`));
  });
});
