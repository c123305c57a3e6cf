// Loss and accuracy over training, as plain arrays (thousands of points: too many to make each reactive).
// `version` is the one reactive value: it moves whenever a point is added, and charts redraw from it.
import type { BatchReport, EpochReport } from '../engine/train/loop';

export interface Point {
  /** Epochs, fractional. */
  x: number;
  y: number;
}

export class Curves {
  version = $state(0);
  readonly trainLoss: Point[] = [];
  readonly trainAccuracy: Point[] = [];
  readonly validationLoss: Point[] = [];
  readonly validationAccuracy: Point[] = [];

  addTraining(report: BatchReport) {
    this.trainLoss.push({ x: report.epoch, y: report.loss });
    if (report.accuracy !== null) this.trainAccuracy.push({ x: report.epoch, y: report.accuracy });
    this.version += 1;
  }

  addValidation(report: EpochReport) {
    if (!report.validation) return;
    this.validationLoss.push({ x: report.epoch, y: report.validation.loss });
    if (report.validation.accuracy !== null) this.validationAccuracy.push({ x: report.epoch, y: report.validation.accuracy });
    this.version += 1;
  }

  clear() {
    for (const series of [this.trainLoss, this.trainAccuracy, this.validationLoss, this.validationAccuracy]) series.length = 0;
    this.version += 1;
  }
}
