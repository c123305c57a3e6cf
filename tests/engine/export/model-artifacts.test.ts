// Exported files against stock tfjs: tf.loadLayersModel from memory and from real files over HTTP, with no
// project code on the loading path, must give the predictions the engine gives.
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictAll } from '../../../src/engine/export/export-report';
import { artifactsFromFiles, exportModel, type ModelJson } from '../../../src/engine/export/model-artifacts';
import type { Network } from '../../../src/engine/model/network';
import { WEIGHT_FORMATS } from '../../../src/engine/export/quantize';
import { trainedMoons, trainedTinyCnn, type Trained } from './export-fixtures';

async function enginePredictions(network: Network, x: tf.Tensor): Promise<Float32Array> {
  const out = network.predict(x);
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

/**
 * Checks that `b` predicts the class `a` predicts on every row, except rows where a's top two outputs are
 * closer than twice the largest change between a and b (a near tie that any rounding may flip). Returns
 * the share of rows that agree.
 */
function expectSameClassesBarTies(a: Float32Array, b: Float32Array, classes: number): number {
  let change = 0;
  for (let i = 0; i < a.length; i++) change = Math.max(change, Math.abs(a[i] - b[i]));
  let same = 0;
  for (let row = 0; row < a.length / classes; row++) {
    const ra = Array.from(a.subarray(row * classes, (row + 1) * classes));
    const rb = Array.from(b.subarray(row * classes, (row + 1) * classes));
    const top = ra.indexOf(Math.max(...ra));
    if (rb.indexOf(Math.max(...rb)) === top) {
      same++;
      continue;
    }
    const margin = ra[top] - Math.max(...ra.filter((_, k) => k !== top));
    expect(margin, `row ${row} changed class with a margin of ${margin}`).toBeLessThanOrEqual(2 * change);
  }
  return same / (a.length / classes);
}

async function loadFromMemory(modelJson: string, weights: Uint8Array): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(artifactsFromFiles(modelJson, weights)));
}

/** Serves the files of `dir` by name, as a static web server would. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    readFile(join(dir, basename(new URL(request.url!, 'http://x').pathname)))
      .then((bytes) => response.writeHead(200).end(bytes))
      .catch(() => response.writeHead(404).end('not found'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let moons: Trained;
beforeAll(async () => {
  moons = await trainedMoons();
});
afterAll(() => moons?.trainer.dispose());

describe('exported model files (moons MLP, 2-16-16-2)', () => {
  it('weigh exactly 4, 2, 2 and 1 bytes per parameter for float32, float16, uint16 and uint8', async () => {
    const params = moons.trainer.network.model.countParams();
    expect(params).toBe(2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2);
    const sizes = await Promise.all(WEIGHT_FORMATS.map(async (f) => (await exportModel(moons.trainer.network.model, f)).weightsBytes.length));
    expect(sizes).toEqual([4 * params, 2 * params, 2 * params, params]);
  });

  it('model.json is the layers format with tfjs-converter\'s quantization entries', async () => {
    const exported = await exportModel(moons.trainer.network.model, 'uint8', { name: 'moons-uint8' });
    const json = JSON.parse(exported.modelJson) as ModelJson;
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toBe('TensorFlow.js tfjs-layers v4.22.0');
    expect(json.convertedBy).toMatch(/uint8/);
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(['moons-uint8.weights.bin']);
    expect(exported.weightsFileName).toBe('moons-uint8.weights.bin');
    const names = json.weightsManifest[0].weights.map((w) => w.name);
    expect(names).toEqual(['dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias', 'output/kernel', 'output/bias']);
    for (const w of json.weightsManifest[0].weights) {
      expect(w.dtype).toBe('float32');
      expect(Object.keys(w.quantization!)).toEqual(['dtype', 'min', 'scale', 'original_dtype']);
      expect(w.quantization).toMatchObject({ dtype: 'uint8', original_dtype: 'float32' });
    }
    const f16 = JSON.parse((await exportModel(moons.trainer.network.model, 'float16')).modelJson) as ModelJson;
    expect(f16.weightsManifest[0].weights[0].quantization).toEqual({ dtype: 'float16', original_dtype: 'float32' });
    const f32 = JSON.parse((await exportModel(moons.trainer.network.model, 'float32')).modelJson) as ModelJson;
    expect(f32.weightsManifest[0].weights[0]).toEqual({ name: 'dense_1/kernel', shape: [2, 16], dtype: 'float32' });
    expect(f32.convertedBy).toBeNull();
  });

  it('load with stock tf.loadLayersModel(tf.io.fromMemory) and predict the classes Network.predict gives', async () => {
    const { network, data } = moons.trainer;
    const engine = await enginePredictions(network, data.test.x);
    for (const format of WEIGHT_FORMATS) {
      const exported = await exportModel(network.model, format);
      const loaded = await loadFromMemory(exported.modelJson, exported.weightsBytes);
      const predictions = await predictAll(loaded, data.test.x);
      loaded.dispose();
      if (format === 'float32') expect(Array.from(predictions)).toEqual(Array.from(engine));
      expect(expectSameClassesBarTies(engine, predictions, 2)).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('load from a real model.json + .bin pair served over HTTP, predicting exactly as loaded from memory', async () => {
    const { network, data } = moons.trainer;
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-export-'));
    const { server, url } = await serve(dir);
    try {
      for (const format of ['uint8', 'float16'] as const) {
        const exported = await exportModel(network.model, format, { name: `moons-${format}` });
        await writeFile(join(dir, exported.modelJsonFileName), exported.modelJson);
        await writeFile(join(dir, exported.weightsFileName), exported.weightsBytes);
        const fromHttp = await tf.loadLayersModel(`${url}/${exported.modelJsonFileName}`);
        const fromMemory = await loadFromMemory(exported.modelJson, exported.weightsBytes);
        const [a, b] = [await predictAll(fromHttp, data.test.x), await predictAll(fromMemory, data.test.x)];
        fromHttp.dispose();
        fromMemory.dispose();
        expect(Array.from(a)).toEqual(Array.from(b));
      }
    } finally {
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a tiny MNIST CNN with batch normalization', () => {
  it('exports to uint8 and float16 that stock tfjs loads, predicting the classes the engine predicts', async () => {
    const cnn = await trainedTinyCnn();
    const { network, data } = cnn.trainer;
    try {
      expect(network.model.weights.map((w) => w.originalName)).toContain('batch_normalization_1/moving_variance');
      const engine = await enginePredictions(network, data.test.x);
      for (const format of ['float32', 'float16', 'uint8'] as const) {
        const exported = await exportModel(network.model, format);
        expect(exported.weightsBytes.length).toBe(network.model.countParams() * { float32: 4, float16: 2, uint8: 1 }[format]);
        const loaded = await loadFromMemory(exported.modelJson, exported.weightsBytes);
        const predictions = await predictAll(loaded, data.test.x);
        loaded.dispose();
        if (format === 'float32') expect(Array.from(predictions)).toEqual(Array.from(engine));
        expect(expectSameClassesBarTies(engine, predictions, 10)).toBeGreaterThanOrEqual(0.97);
      }
    } finally {
      cnn.trainer.dispose();
    }
  });
});

it('exporting and reloading leaves no tensor behind', async () => {
  const before = tf.memory().numTensors;
  for (const format of WEIGHT_FORMATS) {
    const exported = await exportModel(moons.trainer.network.model, format);
    (await loadFromMemory(exported.modelJson, exported.weightsBytes)).dispose();
  }
  expect(tf.memory().numTensors).toBe(before);
});
