// Sample kept runs for the state tests and the run-store browser fixture: real reports from the metrics code,
// a ROC curve whose first threshold is Infinity, and (for a diverged run) NaN losses.
import { classificationReport, regressionReport } from '../../src/engine/evaluate/metrics';
import { presetSpec } from '../../src/engine/model/presets';
import type { BackendReport } from '../../src/engine/backend';
import type { Point } from '../../src/state/curves.svelte';
import type { RunRecord } from '../../src/state/run-record';

const line = (from: number, to: number, count = 5): Point[] =>
  Array.from({ length: count }, (_, i) => ({ x: (i + 1) / count * 2, y: from + ((to - from) * i) / (count - 1) }));

export const WEBGL: BackendReport = {
  requested: 'auto', active: 'webgl', fallbackReason: 'WebGPU is unavailable: no adapter',
  statuses: [
    { name: 'webgpu', available: false, detail: 'no adapter', software: false },
    { name: 'webgl', available: true, detail: 'SwiftShader', software: true },
    { name: 'cpu', available: true, detail: 'JavaScript on the processor, no GPU.', software: true },
  ],
};

/** A finished spiral run: test accuracy 0.75 (3 of 4), train loss 0.9 → 0.3, validation loss 1 → 0.5. */
export function sampleRun(overrides: Partial<RunRecord> = {}): RunRecord {
  const labels = new Int32Array([0, 1, 1, 0]);
  const probabilities = new Float32Array([0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.7, 0.3]);
  return {
    id: 'run-a', name: 'Spiral baseline', createdAt: '2025-03-01T10:00:00.000Z', status: 'finished',
    spec: presetSpec('spiral-mlp'),
    curves: {
      trainLoss: line(0.9, 0.3), trainAccuracy: line(0.5, 0.9), validationLoss: line(1, 0.5, 2), validationAccuracy: line(0.5, 0.8, 2),
      series: {},
    },
    evaluation: { task: 'classification', report: classificationReport(labels, probabilities, 2), classNames: ['orange', 'blue'] },
    backend: WEBGL, durationMs: 12_345, epochsTrained: 2, notes: '',
    ...overrides,
  };
}

/** A regression run on bumps with MSE from real predictions. */
export function regressionRun(overrides: Partial<RunRecord> = {}): RunRecord {
  const targets = new Float32Array([0, 1, 2, 3]);
  const predictions = new Float32Array([0.5, 1, 2, 2]);
  return sampleRun({
    id: 'run-r', name: 'Bumps', spec: presetSpec('bumps-regression'),
    curves: { trainLoss: line(1, 0.2), trainAccuracy: [], validationLoss: line(1.1, 0.4, 2), validationAccuracy: [], series: {} },
    evaluation: { task: 'regression', report: regressionReport(targets, predictions) },
    ...overrides,
  });
}

/** A run whose loss went to NaN and then Infinity: no evaluation, stopped by the divergence. */
export function divergedRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return sampleRun({
    id: 'run-d', name: 'Too fast', status: 'diverged', evaluation: null, backend: null, durationMs: 800, epochsTrained: 0.4,
    curves: {
      trainLoss: [{ x: 0.1, y: 2 }, { x: 0.2, y: NaN }, { x: 0.3, y: Infinity }], trainAccuracy: [{ x: 0.1, y: 0.5 }],
      validationLoss: [], validationAccuracy: [], series: { lossScale: [{ x: 0.1, y: 32768 }, { x: 0.2, y: 16384 }] },
    },
    ...overrides,
  });
}
