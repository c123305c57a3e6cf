// A Chart.js plugin that draws labelled vertical lines at given x values (epochs): where the learning rate
// was changed during a run. Marks are read from `options.plugins.marks.marks` at every draw.
import type { Chart, Plugin } from 'chart.js';
import { COLORS } from './theme';

export interface Mark {
  /** Epochs, fractional. */
  x: number;
  label: string;
}

export const marksPlugin: Plugin<'line'> = {
  id: 'marks',
  afterDatasetsDraw(chart: Chart<'line'>) {
    const marks = ((chart.options.plugins as Record<string, unknown>).marks as { marks?: Mark[] } | undefined)?.marks ?? [];
    if (!marks.length) return;
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    ctx.strokeStyle = COLORS.muted;
    ctx.fillStyle = COLORS.ink;
    ctx.setLineDash([2, 3]);
    ctx.font = '11px system-ui, sans-serif';
    for (const mark of marks) {
      const x = scales.x.getPixelForValue(mark.x);
      if (x < chartArea.left || x > chartArea.right) continue;
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      // the label sits inside the plot, on whichever side of the line has room
      const width = ctx.measureText(mark.label).width;
      ctx.fillText(mark.label, x + 3 + width > chartArea.right ? x - 3 - width : x + 3, chartArea.top + 11);
    }
    ctx.restore();
  },
};
