// The Export view's side of the worker: measures a trained arm in every weight format, writes its files, keeps
// the browser's saved models and one "loaded model" (from files or storage) evaluated on the run's test set.
// Every refusal comes back as an exportError event whose message says what is wrong; nothing here throws out.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset';
import { predictAll, testMetrics } from '../engine/export/export-report';
import { exportTable, withPrunedCopy } from '../engine/export/export-table';
import { exportModel } from '../engine/export/model-artifacts';
import { pytorchScript } from '../engine/export/pytorch/script';
import { encodeInput } from './predict-input';
import { datasetInfo } from '../data/catalog';
import { checkModelFiles } from '../engine/export/model-import';
import { listSaved, loadFromBrowser, removeSaved, saveToBrowser } from '../engine/export/model-storage';
import type { WeightFormat } from '../engine/export/quantize';
import type { Arm, Post } from './arm';
import type { ExportAction, ExportCommand, LoadedModelInfo } from './export-protocol';
import type { RunMode, RunPhase } from './protocol';

/** What the exporter needs of the handler's current run. */
export interface ExportRun {
  id: number;
  mode: RunMode;
  phase: RunPhase;
  arms: Arm[];
  dataset: Dataset;
}

const ACTION: Record<ExportCommand['type'], ExportAction> = {
  exportTable: 'table', exportModel: 'download', exportCode: 'code', saveModel: 'save', listModels: 'storage', removeModel: 'storage',
  loadSavedModel: 'load', loadModelFiles: 'load', predictImage: 'predict', predictInput: 'predict',
};

export class Exporter {
  readonly #post: Post;
  #loaded: tf.LayersModel | null = null;
  /** Where the loaded model came from, in words ("model.json + model.weights.bin", "saved: my-model"). */
  #loadedSource: string | null = null;

  constructor(post: Post) {
    this.#post = post;
  }

  /** The loaded model and where it came from (a fine-tune reads its weights); null before any is loaded. */
  get loaded(): { model: tf.LayersModel; source: string } | null {
    return this.#loaded && this.#loadedSource ? { model: this.#loaded, source: this.#loadedSource } : null;
  }

  /** Runs one export command against the current run (null before any); failures become exportError events. */
  async handle(command: ExportCommand, run: ExportRun | null): Promise<void> {
    const runId = command.runId;
    try {
      await this.#execute(command, run);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#post({ type: 'exportError', runId, action: ACTION[command.type], message });
    }
  }

  async #execute(command: ExportCommand, run: ExportRun | null) {
    const runId = command.runId;
    switch (command.type) {
      case 'listModels':
        return this.#post({ type: 'savedModels', runId, models: await listSaved() });
      case 'removeModel':
        await removeSaved(command.name);
        return this.#post({ type: 'savedModels', runId, models: await listSaved() });
      case 'exportTable': {
        const arm = trainedArm(run, command.arm);
        await exportTable(arm.trainer.network, arm.trainer.data.test, {
          pruning: command.pruning,
          fineTune: { dataset: run!.dataset },
          onRows: (rows) => this.#post({ type: 'exportRows', runId, rows }),
          onProgress: (p) => this.#post({ type: 'exportProgress', runId, ...p }),
        });
        return this.#post({ type: 'exportTableDone', runId });
      }
      case 'exportModel': {
        const arm = trainedArm(run, command.arm);
        const name = fileBase(arm, command.format, command.pruning);
        // a table's or own images' pipeline travels with the model, so rows and images are encoded as in training
        const pipeline = run!.dataset.preprocessing;
        const write = (model: tf.LayersModel) => exportModel(model, command.format, { name, ...(pipeline ? { metadata: { preprocessing: pipeline } } : {}) });
        const files = command.pruning
          ? await withPrunedCopy(arm.trainer.network, command.pruning, { dataset: run!.dataset }, (copy) => write(copy.model))
          : await write(arm.trainer.network.model);
        const weights = files.weightsBytes.buffer.slice(files.weightsBytes.byteOffset, files.weightsBytes.byteOffset + files.weightsBytes.byteLength) as ArrayBuffer;
        return this.#post({
          type: 'exportedModel', runId, modelJsonFileName: files.modelJsonFileName, weightsFileName: files.weightsFileName,
          modelJson: files.modelJson, weights,
        }, [weights]);
      }
      case 'exportCode': {
        const arm = trainedArm(run, command.arm);
        const spec = arm.trainer.spec;
        const base = fileBase(arm, 'pytorch', null);
        const files = await exportModel(arm.trainer.network.model, 'float32', { name: fileBase(arm, 'float32', null) });
        const title = `${datasetInfo(spec.dataset).title}, ${spec.model.layers.length} hidden layers, trained ${arm.trainer.globalStep} steps in the browser`;
        const script = pytorchScript(spec, { fileName: `${base}.py`, weightsFileName: files.modelJsonFileName, title });
        const weights = files.weightsBytes.buffer.slice(files.weightsBytes.byteOffset, files.weightsBytes.byteOffset + files.weightsBytes.byteLength) as ArrayBuffer;
        return this.#post({
          type: 'exportedCode', runId, fileName: `${base}.py`, script, modelJsonFileName: files.modelJsonFileName,
          weightsFileName: files.weightsFileName, modelJson: files.modelJson, weights,
        }, [weights]);
      }
      case 'saveModel': {
        const arm = trainedArm(run, command.arm);
        await saveToBrowser(arm.trainer.network.model, command.name, command.format);
        return this.#post({ type: 'savedModels', runId, models: await listSaved() });
      }
      case 'loadSavedModel': {
        const test = testSplit(run);
        const model = await loadFromBrowser(command.name);
        const saved = (await listSaved()).find((m) => m.name === command.name);
        const format = (model.getUserDefinedMetadata() as { weightFormat?: WeightFormat } | undefined)?.weightFormat ?? 'float32';
        return this.#keep(model, runId, test, run!, { source: `saved: ${command.name}`, format, weightsBytes: saved?.weightsBytes ?? 0 }, true);
      }
      case 'loadModelFiles': {
        const test = testSplit(run);
        const weights = command.weights.map((w) => ({ name: w.name, bytes: new Uint8Array(w.bytes) }));
        const checked = await checkModelFiles(command.modelJson, weights, command.modelJsonName);
        const { info } = run!.dataset;
        const dataset = info.name;
        const fits = checked.inputShape.join() === info.inputShape.join()
          && checked.outputUnits === (info.task === 'regression' ? 1 : info.classNames.length);
        if (!fits) {
          throw new Error(`${command.modelJsonName} fits ${checked.datasets.join(', ')} but the current run uses ${dataset}: ` +
            'choose a preset with that dataset, train it for a step, and load the model again');
        }
        const model = await tf.loadLayersModel(tf.io.fromMemory(checked.artifacts));
        const source = [command.modelJsonName, ...command.weights.map((w) => w.name)].join(' + ');
        return this.#keep(model, runId, test, run!, { source, format: checked.format, weightsBytes: checked.weightsBytes }, false);
      }
      case 'predictImage':
      case 'predictInput': {
        const model = this.#loaded ?? trainedArm(run, command.arm).trainer.network.model;
        if (command.type === 'predictInput' && !run) throw new Error('train a model first: there is no run to predict with');
        const pixels = command.type === 'predictInput' ? await encodeInput(run!.dataset, command.input) : command.pixels;
        const shape = model.inputs[0].shape.slice(1) as number[];
        if (shape.reduce((a, b) => a * b, 1) !== pixels.length) {
          throw new Error(`the model takes inputs of shape [${shape.join(', ')}], not ${pixels.length} values`);
        }
        const out = tf.tidy(() => model.predict(tf.tensor(pixels, [1, ...shape])) as tf.Tensor);
        const probabilities = (await out.data()) as Float32Array;
        out.dispose();
        return this.#post({ type: 'imagePrediction', runId, probabilities, source: this.#loaded ? 'loaded' : 'trained' }, [probabilities.buffer]);
      }
    }
  }

  /** Evaluates `model` on the run's test set as the table's rows are, then keeps it in place of the previous one. */
  async #keep(model: tf.LayersModel, runId: number, test: tf.Tensor[], run: ExportRun,
    info: Pick<LoadedModelInfo, 'source' | 'format' | 'weightsBytes'>, checkShape: boolean) {
    try {
      if (checkShape) fitsDataset(model, run.dataset);
      const [x, y] = test;
      const metrics = testMetrics(run.dataset.info.task, await y.data(), await predictAll(model, x));
      const weightsBytes = info.weightsBytes || model.weights.reduce((n, w) => n + tf.util.sizeFromShape(w.shape as number[]) * 4, 0);
      this.#loaded?.dispose();
      this.#loaded = model;
      this.#loadedSource = info.source;
      this.#post({ type: 'loadedModel', runId, model: { ...info, weightsBytes, metrics, testCount: x.shape[0], dataset: run.dataset.info.name } });
    } catch (error) {
      model.dispose();
      throw error;
    }
  }

  dispose() {
    this.#loaded?.dispose();
    this.#loaded = null;
  }
}

/** The arm to export: for cross-validation the current fold; it must have trained and must not be training now. */
function trainedArm(run: ExportRun | null, index: number): Arm {
  if (!run) throw new Error('No run yet: train a model first, then export it');
  if (run.phase === 'running' || run.phase === 'preparing') throw new Error('The run is training: pause it or let it finish, then export');
  const arm = run.mode === 'folds' ? run.arms[run.arms.length - 1] : run.arms[index];
  if (!arm) throw new Error(`This run has no arm ${index === 1 ? 'B' : index}: pick A`);
  if (arm.trainer.globalStep === 0) throw new Error('The model has not trained yet: train it (or step once), then export');
  return arm;
}

/** The run's test split [x, y], which a loaded model is evaluated on. */
function testSplit(run: ExportRun | null): tf.Tensor[] {
  const arm = run?.arms[run.arms.length - 1];
  if (!run || !arm) throw new Error('A loaded model is evaluated on the current run\'s test set: choose a preset with its dataset and press Step or Train first');
  return [arm.trainer.data.test.x, arm.trainer.data.test.y];
}

/** A model from storage carries no dataset list: its input and output must fit the run's dataset. */
function fitsDataset(model: tf.LayersModel, dataset: Dataset) {
  const { inputShape, task, classNames, name } = dataset.info;
  const input = model.inputs[0].shape.slice(1).join(', ');
  const units = model.outputs[0].shape[model.outputs[0].shape.length - 1];
  const wanted = task === 'regression' ? 1 : classNames.length;
  if (input !== inputShape.join(', ') || units !== wanted) {
    throw new Error(`The saved model takes [${input}] and gives ${units} outputs, but ${name} needs [${inputShape.join(', ')}] and ${wanted}: ` +
      'choose a preset with the dataset it was trained on');
  }
}

/** "mnist-cnn-uint8" or "mnist-cnn-pruned50-uint8": names the download after the run and the format. */
function fileBase(arm: Arm, format: string, pruning: { sparsity: number } | null): string {
  const base = `${arm.trainer.spec.dataset.name}-${arm.trainer.spec.model.layers.length}layers`;
  return [base, pruning ? `pruned${Math.round(pruning.sparsity * 100)}` : null, format].filter(Boolean).join('-');
}
