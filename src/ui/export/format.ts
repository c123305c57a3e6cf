// How the Export view writes its numbers: bytes with thousands separators, and the metric columns per task.
import type { ExportMetrics } from '../../engine/export/export-report';

export const bytes = (n: number) => `${n.toLocaleString('en')} B`;
export const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

export interface MetricColumn {
  label: string;
  /** The column's testid, e.g. "accuracy". */
  key: string;
  value: (m: ExportMetrics) => string;
}

const fixed = (x: number | null | undefined, digits = 4) => (x == null || !Number.isFinite(x) ? '—' : x.toFixed(digits));

export function metricColumns(task: ExportMetrics['task']): MetricColumn[] {
  if (task === 'regression') {
    return [
      { label: 'Test MSE', key: 'mse', value: (m) => (m.task === 'regression' ? fixed(m.mse) : '') },
      { label: 'MAE', key: 'mae', value: (m) => (m.task === 'regression' ? fixed(m.mae) : '') },
      { label: 'R²', key: 'r2', value: (m) => (m.task === 'regression' ? fixed(m.r2, 3) : '') },
    ];
  }
  return [
    { label: 'Test accuracy', key: 'accuracy', value: (m) => (m.task === 'classification' ? percent(m.accuracy) : '') },
    { label: 'Macro F1', key: 'f1', value: (m) => (m.task === 'classification' ? fixed(m.macroF1, 3) : '') },
    { label: 'AUC', key: 'auc', value: (m) => (m.task === 'classification' ? fixed(m.auc, 3) : '') },
  ];
}
