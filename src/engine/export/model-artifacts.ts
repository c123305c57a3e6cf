// A model as the two files of tfjs's layers format: model.json (topology + weights manifest) and one .bin of
// weights, float32 or quantized as tfjs-converter quantizes. Stock tf.loadLayersModel reads both, from a URL,
// from the user's disk (tf.io.browserFiles) or from memory (tf.io.fromMemory).
import * as tf from '@tensorflow/tfjs';
import { BYTES_PER_VALUE, quantizeTensor, type AffineOptions, type Quantization, type WeightFormat } from './quantize';

/** What LayersModel.save hands a save handler: the topology JSON object and every weight as float32. */
export interface CapturedModel {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
  generatedBy: string;
}

/** A manifest weight entry with the quantization fields tfjs-converter writes (tfjs's own type lacks original_dtype). */
export interface ManifestWeight {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: Quantization;
}

/** The contents of model.json for a layers model. */
export interface ModelJson {
  modelTopology: object;
  format: 'layers-model';
  generatedBy: string;
  convertedBy: string | null;
  weightsManifest: { paths: string[]; weights: ManifestWeight[] }[];
  userDefinedMetadata?: Record<string, unknown>;
}

export interface ExportedModel {
  format: WeightFormat;
  /** File names as they should be downloaded: model.json's manifest points at weightsFileName. */
  modelJsonFileName: string;
  weightsFileName: string;
  /** The text of model.json. */
  modelJson: string;
  /** The whole .bin file. */
  weightsBytes: Uint8Array;
}

export interface ExportOptions extends AffineOptions {
  /** Base of the file names: `<name>.json` and `<name>.weights.bin`. Default "model". */
  name?: string;
  /** Stored as model.json's userDefinedMetadata (tfjs hands it back from model.getUserDefinedMetadata()). */
  metadata?: Record<string, unknown>;
}

/** Topology and float32 weights, captured through the standard save path (model.save to a custom handler). */
export async function captureModel(model: tf.LayersModel): Promise<CapturedModel> {
  let captured: CapturedModel | null = null;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const weightData = artifacts.weightData;
    if (!(weightData instanceof ArrayBuffer)) throw new Error('tfjs handed over the weights in several buffers; expected one');
    captured = {
      modelTopology: artifacts.modelTopology as object,
      weightSpecs: artifacts.weightSpecs ?? [],
      weightData,
      generatedBy: artifacts.generatedBy ?? 'TensorFlow.js tfjs-layers',
    };
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!captured) throw new Error('model.save finished without handing over the model');
  return captured;
}

/** Both files for one weight format. Every weight must be float32 (all the sandbox's models are). */
export function encodeModel(captured: CapturedModel, format: WeightFormat, options: ExportOptions = {}): ExportedModel {
  const name = options.name ?? 'model';
  const weightsFileName = `${name}.weights.bin`;
  const weights: ManifestWeight[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const spec of captured.weightSpecs) {
    if (spec.dtype !== 'float32' || spec.quantization) {
      throw new Error(`weight ${spec.name} is ${spec.quantization ? 'already quantized' : spec.dtype}; only float32 weights can be exported`);
    }
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(captured.weightData.slice(offset, offset + count * 4));
    offset += count * 4;
    const { bytes, quantization } = quantizeTensor(values, format, options);
    chunks.push(bytes);
    weights.push({ name: spec.name, shape: spec.shape, dtype: 'float32', ...(quantization ? { quantization } : {}) });
  }
  const json: ModelJson = {
    modelTopology: captured.modelTopology,
    format: 'layers-model',
    generatedBy: captured.generatedBy,
    // As tfjs itself writes: null when the weights are the model's own float32 values.
    convertedBy: format === 'float32' ? null : `gpu-training-sandbox ${format} quantization (tfjs-converter scheme)`,
    weightsManifest: [{ paths: [weightsFileName], weights }],
    ...(options.metadata ? { userDefinedMetadata: options.metadata } : {}),
  };
  return { format, modelJsonFileName: `${name}.json`, weightsFileName, modelJson: JSON.stringify(json), weightsBytes: concat(chunks) };
}

/** captureModel then encodeModel. */
export async function exportModel(model: tf.LayersModel, format: WeightFormat, options: ExportOptions = {}): Promise<ExportedModel> {
  return encodeModel(await captureModel(model), format, options);
}

/**
 * The artifacts tf.io.fromMemory takes, from the two files exactly as written, assembled by the function tfjs's
 * own http and browserFiles loaders use (tf.io.getModelArtifactsForJSONSync). No checks: for files this
 * sandbox just wrote. Files from elsewhere go through checkModelFiles (model-import.ts).
 */
export function artifactsFromFiles(modelJson: string, weightsBytes: Uint8Array): tf.io.ModelArtifacts {
  const json = JSON.parse(modelJson) as tf.io.ModelJSON;
  const weightData = weightsBytes.buffer.slice(weightsBytes.byteOffset, weightsBytes.byteOffset + weightsBytes.byteLength) as ArrayBuffer;
  return tf.io.getModelArtifactsForJSONSync(json, tf.io.getWeightSpecs(json.weightsManifest), weightData);
}

/** Bytes a weight takes in a weights file: values × bytes per stored value. */
export function weightByteLength(shape: number[], storedAs: WeightFormat): number {
  return shape.reduce((a, b) => a * b, 1) * BYTES_PER_VALUE[storedAs];
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
