// The Export view's messages: measuring the weight formats of a trained arm, writing its files, the browser's
// saved models, and a model loaded back from files or storage. Plain data and typed arrays, as protocol.ts.
import type { ExportMetrics, ExportRow } from '../engine/export/export-report';
import type { SavedModel } from '../engine/export/model-storage';
import type { WeightFormat } from '../engine/export/quantize';
import type { PredictInput } from './predict-input';

/** A pruning setting: share of each kernel zeroed (0–1) and epochs of fine-tuning with the mask held. */
export interface PruneSetting {
  sparsity: number;
  fineTuneEpochs: number;
}

/** Which export action a refusal is about, so the page shows it beside that control. */
export type ExportAction = 'table' | 'download' | 'code' | 'save' | 'storage' | 'load' | 'predict';

export type ExportCommand =
  /** Writes, reloads and measures arm `arm` in every format, then each pruning setting; rows stream back. */
  | { type: 'exportTable'; runId: number; arm: number; pruning: PruneSetting[] }
  /** The two files of one format (optionally of a pruned copy), for download. */
  | { type: 'exportModel'; runId: number; arm: number; format: WeightFormat; pruning: PruneSetting | null }
  /** The experiment as a PyTorch script (export/pytorch/), with the arm's float32 model files. */
  | { type: 'exportCode'; runId: number; arm: number }
  | { type: 'saveModel'; runId: number; arm: number; name: string; format: WeightFormat }
  | { type: 'listModels'; runId: number }
  | { type: 'removeModel'; runId: number; name: string }
  | { type: 'loadSavedModel'; runId: number; name: string }
  /** A model.json and its weight files chosen by a person: checked, loaded, evaluated on the run's test set. */
  | { type: 'loadModelFiles'; runId: number; modelJson: string; modelJsonName: string; weights: { name: string; bytes: ArrayBuffer }[] }
  /** Class probabilities for one image (row-major pixels in [0, 1]) from the loaded model, or else arm `arm`. */
  | { type: 'predictImage'; runId: number; arm: number; pixels: Float32Array }
  /** The prediction for a row typed into the form or an image file, encoded by the run's own pipeline. */
  | { type: 'predictInput'; runId: number; arm: number; input: PredictInput };

export const EXPORT_COMMANDS: ReadonlySet<string> = new Set<ExportCommand['type']>([
  'exportTable', 'exportModel', 'exportCode', 'saveModel', 'listModels', 'removeModel', 'loadSavedModel', 'loadModelFiles', 'predictImage', 'predictInput',
]);

export const isExportCommand = (command: { type: string }): command is ExportCommand => EXPORT_COMMANDS.has(command.type);

/** The loaded model, evaluated on the current run's test set exactly as the Export table's rows are. */
export interface LoadedModelInfo {
  /** "model.json + model.weights.bin", or "saved: my-model". */
  source: string;
  format: WeightFormat | 'mixed';
  weightsBytes: number;
  metrics: ExportMetrics;
  testCount: number;
  dataset: string;
}

export type ExportEvent =
  | { type: 'exportRows'; runId: number; rows: ExportRow[] }
  | { type: 'exportTableDone'; runId: number }
  /** How far measuring the table has got (export-table.ts's units: a group of rows, or an epoch of fine-tuning). */
  | { type: 'exportProgress'; runId: number; done: number; total: number; stage: string }
  | { type: 'exportedModel'; runId: number; modelJsonFileName: string; weightsFileName: string; modelJson: string; weights: ArrayBuffer }
  | { type: 'exportedCode'; runId: number; fileName: string; script: string; modelJsonFileName: string; weightsFileName: string; modelJson: string; weights: ArrayBuffer }
  | { type: 'savedModels'; runId: number; models: SavedModel[] }
  | { type: 'loadedModel'; runId: number; model: LoadedModelInfo }
  /** Class probabilities (or the one predicted value, for regression) for the drawing or the typed/picked input. */
  | { type: 'imagePrediction'; runId: number; probabilities: Float32Array; source: 'loaded' | 'trained' }
  | { type: 'exportError'; runId: number; action: ExportAction; message: string };
