// What the Export view shows: the measured format table, the browser's saved models, the loaded model's
// evaluation, a drawing's prediction, and each action's refusal. It talks to the worker through a send function
// the session hands it (the session owns the one TrainingClient).
import type { PredictInput } from '../worker/predict-input';
import type { ExportRow } from '../engine/export/export-report';
import type { SavedModel } from '../engine/export/model-storage';
import type { WeightFormat } from '../engine/export/quantize';
import type { ExportRequest } from '../worker/client';
import type { ExportAction, LoadedModelInfo, PruneSetting } from '../worker/export-protocol';
import type { Event } from '../worker/protocol';

export type SendExport = (request: ExportRequest, transfer?: Transferable[]) => void;

/** The two files of a download, as the worker wrote them. */
export interface ExportedFiles {
  modelJsonFileName: string;
  weightsFileName: string;
  modelJson: string;
  weights: ArrayBuffer;
}

/** The experiment as a PyTorch script, with the model files its --weights reads. */
export interface ExportedCode extends ExportedFiles {
  fileName: string;
  script: string;
}

export class ExportSession {
  rows = $state.raw<ExportRow[]>([]);
  measuring = $state(false);
  /** How far measuring has got, and since when (performance.now()), for the progress bar and time left. */
  progress = $state.raw<{ done: number; total: number; stage: string; startedAt: number } | null>(null);
  /** The latest refusal of each action, shown beside its control. */
  errors = $state.raw<Partial<Record<ExportAction, string>>>({});
  saved = $state.raw<SavedModel[]>([]);
  loaded = $state.raw<LoadedModelInfo | null>(null);
  loadingModel = $state(false);
  /** Label of the row whose files are being written. */
  writing = $state<string | null>(null);
  prediction = $state.raw<{ probabilities: Float32Array; source: 'loaded' | 'trained' } | null>(null);
  readonly #send: SendExport;
  #download: { resolve: (files: ExportedFiles) => void; reject: (error: Error) => void } | null = null;
  #code: { resolve: (code: ExportedCode) => void; reject: (error: Error) => void } | null = null;
  /** True while the worker writes the script. */
  writingCode = $state(false);

  constructor(send: SendExport) {
    this.#send = send;
  }

  measure(arm: number, pruning: PruneSetting[]) {
    this.rows = [];
    this.measuring = true;
    this.progress = null;
    this.#clearError('table');
    this.#send({ type: 'exportTable', arm, pruning });
  }

  /** The files of one row; resolves when the worker has written them. */
  download(arm: number, row: ExportRow): Promise<ExportedFiles> {
    this.#download?.reject(new Error('replaced by a newer download'));
    this.writing = row.label;
    this.#clearError('download');
    const pruning = row.pruning ? { sparsity: row.pruning.target, fineTuneEpochs: row.pruning.fineTuneEpochs } : null;
    this.#send({ type: 'exportModel', arm, format: row.format, pruning });
    return new Promise((resolve, reject) => (this.#download = { resolve, reject }));
  }

  /** The PyTorch script of arm `arm` and its float32 files; resolves when the worker has written them. */
  exportCode(arm: number): Promise<ExportedCode> {
    this.#code?.reject(new Error('replaced by a newer export'));
    this.writingCode = true;
    this.#clearError('code');
    this.#send({ type: 'exportCode', arm });
    return new Promise((resolve, reject) => (this.#code = { resolve, reject }));
  }

  save(arm: number, name: string, format: WeightFormat) {
    this.#clearError('save');
    this.#send({ type: 'saveModel', arm, name, format });
  }

  refreshSaved() { this.#send({ type: 'listModels' }); }
  remove(name: string) { this.#send({ type: 'removeModel', name }); }

  loadSaved(name: string) {
    this.#startLoad();
    this.#send({ type: 'loadSavedModel', name });
  }

  /** model.json and its weight files as a person chose them (one file picker, several files). */
  async loadFiles(files: File[]) {
    this.#startLoad();
    const json = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
    if (json.length !== 1) {
      this.loadingModel = false;
      this.errors = { ...this.errors, load: json.length === 0
        ? `No .json file among ${files.map((f) => f.name).join(', ') || 'the chosen files'}: choose the model.json together with its weights (.bin) file`
        : `Several .json files were chosen (${json.map((f) => f.name).join(', ')}): choose one model.json and its weights file` };
      return;
    }
    const weights = await Promise.all(files.filter((f) => f !== json[0]).map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
    this.#send({ type: 'loadModelFiles', modelJson: await json[0].text(), modelJsonName: json[0].name, weights }, weights.map((w) => w.bytes));
  }

  predict(arm: number, pixels: Float32Array) {
    this.#send({ type: 'predictImage', arm, pixels }, [pixels.buffer]);
  }

  /** A row typed into the form, or an image file's bytes, predicted through the run's own pipeline. */
  predictInput(arm: number, input: PredictInput) {
    this.prediction = null;
    this.errors = { ...this.errors, predict: undefined };
    this.#send({ type: 'predictInput', arm, input }, input.kind === 'image' ? [input.bytes] : []);
  }

  /** Takes the export events; false for any other event. */
  receive(event: Event): boolean {
    switch (event.type) {
      case 'exportRows':
        this.rows = [...this.rows, ...event.rows];
        return true;
      case 'exportProgress':
        this.progress = { done: event.done, total: event.total, stage: event.stage, startedAt: this.progress?.startedAt ?? performance.now() };
        return true;
      case 'exportTableDone':
        this.measuring = false;
        this.progress = null;
        return true;
      case 'exportedModel':
        this.writing = null;
        this.#download?.resolve(event);
        this.#download = null;
        return true;
      case 'exportedCode':
        this.writingCode = false;
        this.#code?.resolve(event);
        this.#code = null;
        return true;
      case 'savedModels':
        this.saved = event.models;
        return true;
      case 'loadedModel':
        this.loadingModel = false;
        this.loaded = event.model;
        return true;
      case 'imagePrediction':
        this.prediction = { probabilities: event.probabilities, source: event.source };
        return true;
      case 'exportError':
        this.errors = { ...this.errors, [event.action]: event.message };
        if (event.action === 'table') this.measuring = false;
        if (event.action === 'load') this.loadingModel = false;
        if (event.action === 'code') {
          this.writingCode = false;
          this.#code?.reject(new Error(event.message));
          this.#code = null;
        }
        if (event.action === 'download') {
          this.writing = null;
          this.#download?.reject(new Error(event.message));
          this.#download = null;
        }
        return true;
      default:
        return false;
    }
  }

  /** A new run: the table described the old one. The loaded model stays (the worker keeps it). */
  clear() {
    this.rows = [];
    this.measuring = false;
    this.writing = null;
    this.writingCode = false;
    this.prediction = null;
    this.errors = {};
  }

  #startLoad() {
    this.loadingModel = true;
    this.#clearError('load');
  }

  #clearError(action: ExportAction) {
    if (this.errors[action]) this.errors = { ...this.errors, [action]: undefined };
  }
}
