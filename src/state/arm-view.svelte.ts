// What the page knows about one arm of the current run (the run itself, a side of a pair, or a fold).
import type { BatchReport } from '../engine/train/loop';
import type { LayerWeightStats } from '../engine/evaluate/weight-stats';
import type { LayerActivationStats, LayerGradientStats } from '../engine/evaluate/gradient-stats';
import type { PrecisionStats } from '../engine/precision/policy';
import type { ArmEnd, Evaluation, Event, PrecisionReport, RunInfo } from '../worker/protocol';
import type { Explanations } from '../worker/explain';
import type { NetworkDiagram } from '../engine/evaluate/network-diagram';
import { Curves, type Point } from './curves.svelte';

/** How the weights of each layer moved: norm and near-zero share over epochs, and the latest histograms. */
export interface WeightHistory {
  norms: Record<string, Point[]>;
  nearZero: Record<string, Point[]>;
  latest: LayerWeightStats[];
}

/** Gradient norms per kernel over epochs (finite, positive ones: the chart is logarithmic), first and latest readings. */
export interface GradientHistory {
  norms: Record<string, Point[]>;
  first: LayerGradientStats[];
  latest: LayerGradientStats[];
  activations: LayerActivationStats[];
  /** Readings so far: what the chart redraws from. */
  readings: number;
}

/** The events about one arm that its view takes in by itself (the session handles the rest). */
const ARM_EVENTS = ['precision', 'batches', 'learningRate', 'epoch', 'boundary', 'predictions', 'weights', 'gradients',
  'diagram', 'armEnded', 'evaluation', 'explanations'] as const;
export type ArmEvent = Extract<Event, { type: (typeof ARM_EVENTS)[number] }>;
export const isArmEvent = (event: Event): event is ArmEvent => (ARM_EVENTS as readonly string[]).includes(event.type);

export class ArmView {
  readonly index: number;
  info = $state.raw<RunInfo | null>(null);
  epoch = $state(0);
  step = $state(0);
  examplesPerSecond = $state(0);
  readonly curves = new Curves();
  boundary = $state.raw<{ values: Float32Array; resolution: number; extent: number } | null>(null);
  predictions = $state.raw<{ predicted: Int32Array; confidence: Float32Array } | null>(null);
  evaluation = $state.raw<Evaluation | null>(null);
  /** Saliency maps or feature importance, once the arm has ended. */
  explanations = $state.raw<Explanations | null>(null);
  end = $state.raw<ArmEnd | null>(null);
  /** The newest network diagram (every neuron over the plane), while the page shows it; `epoch` is when it was read. */
  diagram = $state.raw<{ epoch: number; diagram: NetworkDiagram } | null>(null);
  weights = $state.raw<WeightHistory>({ norms: {}, nearZero: {}, latest: [] });
  gradients = $state.raw<GradientHistory>({ norms: {}, first: [], latest: [], activations: [], readings: 0 });
  /** The policy, float16 path and memory estimate, sent when the arm is prepared. */
  precision = $state.raw<PrecisionReport | null>(null);
  /** The newest loss scale, skipped steps and flush shares (float16 policies only). */
  precisionStats = $state.raw<PrecisionStats | null>(null);
  /** Where the learning rate was changed during the run: marked on the curves. */
  rateChanges = $state.raw<{ epoch: number; step: number; learningRate: number }[]>([]);
  /** The learning rate the arm was prepared with, before any live change: where the planned rate curve starts. */
  initialRate = $state<number | null>(null);
  /** The learning rate each report's steps used, over epochs (the rate curve's "used" line). */
  readonly rates: Point[] = [];
  /** The loss scale over epochs (mixed_float16 only); plain array, redrawn when precisionStats changes. */
  readonly lossScale: Point[] = [];

  constructor(index: number) {
    this.index = index;
  }

  take(event: ArmEvent) {
    switch (event.type) {
      case 'precision':
        this.precision = event.report;
        break;
      case 'batches':
        this.addBatches(event.report);
        break;
      case 'learningRate':
        this.rateChanges = [...this.rateChanges, { epoch: event.epoch, step: event.step, learningRate: event.learningRate }];
        break;
      case 'epoch':
        this.curves.addValidation(event.report);
        break;
      case 'boundary':
        this.boundary = { values: event.values, resolution: event.resolution, extent: event.extent };
        break;
      case 'predictions':
        this.predictions = { predicted: event.predicted, confidence: event.confidence };
        break;
      case 'weights':
        this.addWeights(event.epoch, event.layers);
        break;
      case 'gradients':
        this.addGradients(event.epoch, event.gradients, event.activations);
        break;
      case 'diagram':
        this.diagram = { epoch: event.epoch, diagram: event.diagram };
        break;
      case 'armEnded':
        this.end = event.end;
        // the counter moves on to the step the divergence message names
        if (event.end.reason === 'diverged' && event.end.step !== undefined) {
          this.step = event.end.step;
          this.epoch = event.end.epoch ?? this.epoch;
        }
        break;
      case 'evaluation':
        this.evaluation = event.evaluation;
        break;
      case 'explanations':
        this.explanations = event.explanations;
        break;
      default: {
        // a type added to ARM_EVENTS without a case here does not compile
        const unhandled: never = event;
        return unhandled;
      }
    }
  }

  addBatches(report: BatchReport) {
    this.epoch = report.epoch;
    this.step = report.step;
    this.examplesPerSecond = report.examplesPerSecond;
    this.curves.addTraining(report);
    // the rate is the last batch's: drawn at that batch's step, where the planned curve has it
    this.rates.push({ x: this.info ? (report.step - 1) / this.info.batchesPerEpoch : report.epoch, y: report.learningRate });
    if (report.precision) {
      if (report.precision.lossScale !== null) this.lossScale.push({ x: report.epoch, y: report.precision.lossScale });
      this.precisionStats = report.precision;
    }
  }

  addWeights(epoch: number, layers: LayerWeightStats[]) {
    const { norms, nearZero } = this.weights;
    for (const l of layers) {
      (norms[l.layer] ??= []).push({ x: epoch, y: l.norm });
      (nearZero[l.layer] ??= []).push({ x: epoch, y: l.nearZero });
    }
    this.weights = { norms, nearZero, latest: layers };
  }

  addGradients(epoch: number, gradients: LayerGradientStats[], activations: LayerActivationStats[]) {
    const { norms, first, readings } = this.gradients;
    for (const g of gradients) {
      const points = (norms[g.layer] ??= []);
      if (Number.isFinite(g.norm) && g.norm > 0) points.push({ x: epoch, y: g.norm });
    }
    this.gradients = { norms, first: first.length ? first : gradients, latest: gradients, activations, readings: readings + 1 };
  }
}
