// What each weight format costs, measured on the real files: for every format the model is written as
// model.json + .bin, loaded back by stock tf.loadLayersModel (tf.io.fromMemory over the files' contents), and
// the loaded model predicts the test set. Nothing is simulated: sizes are the file's bytes, errors are the
// loaded weights minus the originals. Rows are plain data, ready for postMessage.
import * as tf from '@tensorflow/tfjs';
import type { Task } from '../../data/catalog';
import { classificationReport, predictedClasses, regressionReport } from '../evaluate/metrics';
import { artifactsFromFiles, captureModel, encodeModel, type ExportOptions } from './model-artifacts';
import { WEIGHT_FORMATS, type WeightFormat } from './quantize';

/** A test split on the device: x [n, …inputShape]; y int32 [n] labels or float32 [n, 1] targets. */
export interface ExportTestSet {
  x: tf.Tensor;
  y: tf.Tensor;
  task: Task;
}

export type ExportMetrics =
  | { task: 'classification'; accuracy: number; macroPrecision: number; macroRecall: number; macroF1: number; auc: number | null }
  | { task: 'regression'; mse: number; mae: number; r2: number | null };

export interface LayerError {
  layer: string;
  /** max |loaded − original| over the layer's weights (kernel, bias, batch-norm statistics…). */
  maxAbsError: number;
}

export interface PruningSummary {
  /** Requested share of kernel weights set to zero. */
  target: number;
  /** Share of kernel weights that are zero in the exported model. */
  actual: number;
  fineTuneEpochs: number;
}

export interface ExportRow {
  /** "uint8", or "pruned 50% + uint8". */
  label: string;
  format: WeightFormat;
  pruning: PruningSummary | null;
  /** Size of the .bin file. */
  weightsBytes: number;
  /** Size of the .bin file after gzip (CompressionStream's default level), what a server would send. */
  gzipBytes: number;
  modelJsonBytes: number;
  metrics: ExportMetrics;
  /** Share of test examples whose predicted class matches the reference (float32, unpruned); null for regression. */
  agreement: number | null;
  /** Largest change of any output (probability or value) against the reference. */
  maxOutputChange: number;
  /** Against the float32 weights of the model that was exported (for a pruned model: its pruned weights). */
  layerErrors: LayerError[];
}

export interface ExportRowsOptions extends ExportOptions {
  formats?: readonly WeightFormat[];
  /** Predictions [n × outputs] to compare with; default: this model's own float32 export. */
  reference?: Float32Array;
  /** Prefix of every row's label, e.g. "pruned 50%". */
  label?: string;
  pruning?: PruningSummary | null;
}

export interface ExportRowsResult {
  rows: ExportRow[];
  /** The predictions the rows were compared with: pass them as `reference` for a pruned model's rows. */
  reference: Float32Array;
}

/** Writes, reloads and measures `model` in each format (float32 first, as the default reference). */
export async function exportRows(model: tf.LayersModel, test: ExportTestSet, options: ExportRowsOptions = {}): Promise<ExportRowsResult> {
  const formats = options.formats ?? WEIGHT_FORMATS;
  const captured = await captureModel(model);
  const truth = await test.y.data();
  const rows: ExportRow[] = [];
  let reference = options.reference ?? null;
  // The float32 export is measured first when it has to serve as the reference.
  const order = reference ? formats : ['float32' as const, ...formats.filter((f) => f !== 'float32')];
  for (const format of order) {
    const exported = encodeModel(captured, format, options);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifactsFromFiles(exported.modelJson, exported.weightsBytes)));
    try {
      const predictions = await predictAll(loaded, test.x);
      reference ??= predictions;
      if (!formats.includes(format)) continue;
      rows.push({
        label: options.label ? `${options.label} + ${format}` : format,
        format,
        pruning: options.pruning ?? null,
        weightsBytes: exported.weightsBytes.length,
        gzipBytes: await gzipSize(exported.weightsBytes),
        modelJsonBytes: new TextEncoder().encode(exported.modelJson).length,
        metrics: testMetrics(test.task, truth, predictions),
        agreement: test.task === 'classification' ? agreement(reference, predictions, outputUnits(loaded)) : null,
        maxOutputChange: maxAbsDifference(reference, predictions),
        layerErrors: await layerErrors(model, loaded),
      });
    } finally {
      loaded.dispose();
    }
  }
  rows.sort((a, b) => formats.indexOf(a.format) - formats.indexOf(b.format));
  return { rows, reference: reference! };
}

/** model.predict over the whole split, read back: [n × outputs] probabilities or values. */
export async function predictAll(model: tf.LayersModel, x: tf.Tensor, batchSize = 256): Promise<Float32Array> {
  const out = model.predict(x, { batchSize }) as tf.Tensor;
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

/** Test metrics from read-back predictions, through metrics.ts. */
export function testMetrics(task: Task, truth: ArrayLike<number>, predictions: Float32Array): ExportMetrics {
  if (task === 'regression') {
    const { mse, mae, r2 } = regressionReport(Float32Array.from(truth), predictions);
    return { task, mse, mae, r2 };
  }
  const labels = Int32Array.from(truth);
  const report = classificationReport(labels, predictions, predictions.length / labels.length);
  return {
    task, accuracy: report.accuracy,
    macroPrecision: report.macroAverage.precision, macroRecall: report.macroAverage.recall, macroF1: report.macroAverage.f1,
    auc: report.roc?.auc ?? null,
  };
}

/** Share of rows whose argmax is the same in both [n × classes] arrays. */
export function agreement(a: Float32Array, b: Float32Array, classes: number): number {
  const pa = predictedClasses(a, classes);
  const pb = predictedClasses(b, classes);
  let same = 0;
  for (let i = 0; i < pa.length; i++) if (pa[i] === pb[i]) same++;
  return pa.length === 0 ? 1 : same / pa.length;
}

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

function outputUnits(model: tf.LayersModel): number {
  return model.outputs[0].shape[model.outputs[0].shape.length - 1] as number;
}

/** Per layer with weights, max |loaded − original| over all its weights, matched by name; one read-back. */
export async function layerErrors(original: tf.LayersModel, loaded: tf.LayersModel): Promise<LayerError[]> {
  const layers = original.layers.filter((layer) => layer.weights.length > 0);
  const maxima = tf.tidy(() => tf.stack(layers.map((layer) => {
    const twin = loaded.getLayer(layer.name);
    const errors = layer.weights.map((w) => {
      const match = twin.weights.find((t) => t.originalName === w.originalName);
      if (!match) throw new Error(`the reloaded model has no weight ${w.originalName}`);
      return tf.max(tf.abs(tf.sub(match.read(), w.read())));
    });
    return tf.max(tf.stack(errors));
  })));
  const values = await maxima.data();
  maxima.dispose();
  return layers.map((layer, i) => ({ layer: layer.name, maxAbsError: values[i] }));
}

/** Bytes after gzip with the platform's CompressionStream (browsers and Node ≥ 18 have it). */
export async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}
