// Checks a model.json and its weights file(s) chosen by a person before stock tfjs loads them: tfjs's own
// errors for a bad file ("Based on the provided shape… the tensor should have 3 values but has 2") do not
// say which file is wrong or what to do. Every message here names the file and the fix.
import * as tf from '@tensorflow/tfjs';
import { IMAGE_DATASETS, POINTS_DATASETS, type DatasetInfo } from '../../data/catalog';
import type { WeightFormat } from './quantize';

export interface WeightFile {
  name: string;
  bytes: Uint8Array;
}

export interface CheckedModel {
  /** Ready for stock tfjs: tf.loadLayersModel(tf.io.fromMemory(artifacts)). */
  artifacts: tf.io.ModelArtifacts;
  /** Shape of one example, e.g. [28, 28, 1]. */
  inputShape: number[];
  outputUnits: number;
  /** The sandbox's datasets whose examples and labels fit this model. */
  datasets: string[];
  weightsBytes: number;
  /** How the weights are stored; 'mixed' when the entries differ. */
  format: WeightFormat | 'mixed';
}

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; min?: number; scale?: number };
}

/** The topology type tfjs's modelFromJSON takes (a Python-style JSON dict). */
type Topology = Parameters<typeof tf.models.modelFromJSON>[0]['modelTopology'];

const STORED_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };
const AGAIN = 'export the model again and choose the model.json together with the weights file downloaded with it';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shapeText = (shape: readonly (number | null)[]) => `[${shape.join(', ')}]`;
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Parses and checks the files; throws an Error whose message names the file at fault and what to do. */
export async function checkModelFiles(modelJsonText: string, weightFiles: WeightFile[], jsonName = 'model.json'): Promise<CheckedModel> {
  const json = parseJson(modelJsonText, jsonName);
  const groups = checkManifest(json.weightsManifest, jsonName);
  const specs = groups.flatMap((g) => g.weights);
  const weightData = joinWeightFiles(groups, weightFiles, jsonName);
  const shape = await checkTopology(json.modelTopology as object, specs, jsonName);
  checkFiniteWeights(weightData, specs, jsonName);
  const kinds = new Set(specs.map((s) => s.quantization?.dtype ?? s.dtype));
  return {
    // Assembled as tfjs's own file loaders do: topology, metadata and the manifest's entries beside the bytes.
    artifacts: tf.io.getModelArtifactsForJSONSync(json as unknown as tf.io.ModelJSON, specs as tf.io.WeightsManifestEntry[], weightData),
    ...shape,
    weightsBytes: weightData.byteLength,
    format: kinds.size === 1 ? ([...kinds][0] as WeightFormat) : 'mixed',
  };
}

function parseJson(text: string, jsonName: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${jsonName} is not JSON (${reason}): choose the model.json file, not the .bin weights file or a web page saved in its place`);
  }
  if (!isObject(json)) throw new Error(`${jsonName} holds JSON but not a model (no object at the top): choose the model.json that tfjs wrote`);
  if (json.format === 'graph-model' || (isObject(json.modelTopology) && 'node' in json.modelTopology)) {
    throw new Error(`${jsonName} is a TensorFlow.js graph model: the sandbox loads layers models (format "layers-model"), as model.save() and tfjs-converter's Keras conversion write them`);
  }
  const missing = ['modelTopology', 'weightsManifest'].filter((key) => json[key] == null);
  if (missing.length) {
    throw new Error(`${jsonName} has no ${missing.join(' and no ')}: it is not a tfjs layers model.json (a weights_manifest.json alone is not enough); ${AGAIN}`);
  }
  if (!isObject(json.modelTopology)) throw new Error(`${jsonName}'s modelTopology is not an object: ${AGAIN}`);
  return json;
}

interface Group {
  paths: string[];
  weights: ManifestEntry[];
}

function checkManifest(manifest: unknown, jsonName: string): Group[] {
  const bad = (what: string) => new Error(`${jsonName}'s weightsManifest ${what}: ${AGAIN}`);
  if (!Array.isArray(manifest) || manifest.length === 0) throw bad('is not a list of weight groups');
  return manifest.map((group, g) => {
    if (!isObject(group) || !Array.isArray(group.paths) || !group.paths.every((p) => typeof p === 'string') || !Array.isArray(group.weights)) {
      throw bad(`group ${g} lacks its "paths" (file names) or "weights" list`);
    }
    const weights = group.weights.map((w, i) => checkEntry(w, `group ${g}, weight ${i}`, bad));
    return { paths: group.paths as string[], weights };
  });
}

function checkEntry(w: unknown, where: string, bad: (what: string) => Error): ManifestEntry {
  if (!isObject(w) || typeof w.name !== 'string') throw bad(`entry ${where} has no name`);
  if (!Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d >= 0)) throw bad(`entry "${w.name}" has no valid shape`);
  if (typeof w.dtype !== 'string' || !(w.dtype in STORED_BYTES) || w.dtype.startsWith('uint') || w.dtype === 'float16') {
    throw bad(`entry "${w.name}" has dtype ${JSON.stringify(w.dtype)}; the sandbox reads float32, int32 and bool weights`);
  }
  const q = w.quantization;
  if (q !== undefined) {
    if (!isObject(q) || !['uint8', 'uint16', 'float16'].includes(q.dtype as string)) {
      throw bad(`entry "${w.name}" has quantization ${JSON.stringify(q)}; tfjs reads uint8, uint16 and float16`);
    }
    if (q.dtype !== 'float16' && !(Number.isFinite(q.min) && Number.isFinite(q.scale))) {
      throw bad(`entry "${w.name}" is ${q.dtype}-quantized without finite "min" and "scale"`);
    }
    if (q.dtype === 'float16' && w.dtype !== 'float32') throw bad(`entry "${w.name}" is float16-quantized but its dtype is ${w.dtype}, not float32`);
  }
  return w as unknown as ManifestEntry;
}

/** One group's files concatenated in manifest order, checked against the bytes its entries need. */
function joinWeightFiles(groups: Group[], files: WeightFile[], jsonName: string): ArrayBuffer {
  const paths = groups.flatMap((g) => g.paths);
  const byName = new Map(files.map((f) => [baseName(f.name), f]));
  // A single file for a single path is taken whatever its name: browsers rename repeated downloads ("model.weights (1).bin").
  const pick = (path: string): WeightFile => {
    if (paths.length === 1 && files.length === 1) return files[0];
    const file = byName.get(baseName(path));
    if (!file) {
      const given = files.length ? `; given: ${files.map((f) => f.name).join(', ')}` : '';
      throw new Error(`${jsonName} needs the weights file "${baseName(path)}", which was not chosen${given}: choose ${jsonName} together with ${paths.map(baseName).join(', ')}`);
    }
    return file;
  };
  const parts: Uint8Array[] = [];
  for (const group of groups) {
    const chosen = group.paths.map(pick);
    const have = chosen.reduce((n, f) => n + f.bytes.length, 0);
    const need = group.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * STORED_BYTES[w.quantization?.dtype ?? w.dtype], 0);
    const names = chosen.map((f) => f.name).join(' + ');
    if (have < need) {
      throw new Error(`${names} is truncated: ${jsonName} describes ${need.toLocaleString('en')} bytes of weights but the file has ${have.toLocaleString('en')}; download the model again`);
    }
    if (have > need) {
      throw new Error(`${names} has ${have.toLocaleString('en')} bytes but ${jsonName} describes ${need.toLocaleString('en')}: the weights file belongs to a different model.json; ${AGAIN}`);
    }
    parts.push(...chosen.map((f) => f.bytes));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.buffer;
}

/**
 * Builds the topology with stock tfjs (weights freshly initialised, then disposed) and compares its weights
 * with the manifest's by name and shape, then its input and output with the sandbox's datasets.
 */
async function checkTopology(topology: object, specs: ManifestEntry[], jsonName: string) {
  let model: tf.LayersModel;
  try {
    model = await tf.models.modelFromJSON({ modelTopology: topology as Topology });
  } catch (error) {
    // tfjs's first sentence says what failed ("Unknown layer: X"); the rest is advice for tfjs programmers.
    const reason = (error instanceof Error ? error.message : String(error)).split(/\n|\. /)[0];
    throw new Error(`${jsonName}'s modelTopology cannot be built by TensorFlow.js (${reason}): the sandbox loads models made of standard tfjs layers; ${AGAIN}`);
  }
  try {
    compareWeights(model, specs, jsonName);
    return compatibleShapes(model, jsonName);
  } finally {
    model.dispose();
  }
}

function compareWeights(model: tf.LayersModel, specs: ManifestEntry[], jsonName: string): void {
  const manifest = new Map(specs.map((s) => [s.name, s.shape]));
  const problems: string[] = [];
  for (const w of model.weights) {
    const shape = manifest.get(w.originalName);
    if (!shape) problems.push(`the topology needs "${w.originalName}" ${shapeText(w.shape)}, which the manifest does not list`);
    else if (shape.join() !== w.shape.join()) problems.push(`"${w.originalName}" is ${shapeText(shape)} in the manifest but the topology needs ${shapeText(w.shape)}`);
    manifest.delete(w.originalName);
  }
  for (const name of manifest.keys()) problems.push(`the manifest lists "${name}", which no layer of the topology has`);
  if (problems.length) {
    const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
    throw new Error(`${jsonName}'s weights manifest does not match its modelTopology: ${shown}. The file was edited or put together from two models; ${AGAIN}`);
  }
}

/**
 * Refuses NaN and ±Infinity in any float weight (after dequantization), naming the tensor: such a model
 * predicts NaN, and evaluation would then blame training ("did it diverge?") for what the file holds.
 */
function checkFiniteWeights(weightData: ArrayBuffer, specs: ManifestEntry[], jsonName: string): void {
  const tensors = tf.io.decodeWeights(weightData, specs as tf.io.WeightsManifestEntry[]);
  try {
    for (const spec of specs) {
      const tensor = tensors[spec.name];
      if (!tensor || tensor.dtype !== 'float32') continue;
      const values = tensor.dataSync();
      let nan = 0;
      let infinite = 0;
      let first = -1;
      for (let i = 0; i < values.length; i++) {
        if (Number.isFinite(values[i])) continue;
        if (Number.isNaN(values[i])) nan++; else infinite++;
        if (first < 0) first = i;
      }
      if (first >= 0) {
        const counts = [nan && `${nan.toLocaleString('en')} NaN`, infinite && `${infinite.toLocaleString('en')} infinite`].filter(Boolean).join(' and ');
        throw new Error(`${jsonName}'s weight "${spec.name}" ${shapeText(spec.shape)} holds ${counts} value${nan + infinite === 1 ? '' : 's'} ` +
          `(the first at index ${first.toLocaleString('en')}): the model was saved after its training diverged, so every prediction would be NaN; ` +
          `train it again (a lower learning rate, or float32) and export it again`);
      }
    }
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

const DATASETS: DatasetInfo[] = [...Object.values(POINTS_DATASETS), ...Object.values(IMAGE_DATASETS)];

function compatibleShapes(model: tf.LayersModel, jsonName: string) {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(`${jsonName} describes a model with ${model.inputs.length} inputs and ${model.outputs.length} outputs; the sandbox evaluates models with one of each`);
  }
  const inputShape = model.inputs[0].shape.slice(1);
  const outputShape = model.outputs[0].shape.slice(1);
  const shapes = [...new Set(DATASETS.map((d) => shapeText(d.inputShape)))].join(' or ');
  const fitsInput = DATASETS.filter((d) => shapeText(d.inputShape) === shapeText(inputShape));
  if (fitsInput.length === 0) {
    throw new Error(`${jsonName} takes inputs of shape ${shapeText(inputShape)}, but the sandbox's datasets have ${shapes}: load a model trained on one of them`);
  }
  const units = outputShape.length === 1 ? outputShape[0] : null;
  const outputsFor = (d: DatasetInfo) => (d.task === 'regression' ? 1 : d.classNames.length);
  const datasets = fitsInput.filter((d) => outputsFor(d) === units).map((d) => d.name);
  if (datasets.length === 0) {
    const wanted = [...new Set(fitsInput.map(outputsFor))].join(' or ');
    throw new Error(`${jsonName} outputs ${shapeText(outputShape)} per example, but the datasets with inputs ${shapeText(inputShape)} need ${wanted} output units: load a model whose last layer matches the dataset's classes`);
  }
  return { inputShape: inputShape as number[], outputUnits: units as number, datasets };
}
