import type { ChartPoint } from './report-figures';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function niceStep(span: number): number {
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) as number;
}

const format = (v: number) => (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)}k` : Number(v.toPrecision(3)).toString());

/**
 * Predicted (x) against actual (y), drawn with vectors: each decision's 80% interval as a
 * vertical whisker at its prediction, the actual as a dot (green inside the interval, red
 * outside), and the diagonal where a perfect forecast would lie.
 */
export function drawPredictedVsActual(doc: PDFKit.PDFDocument, points: readonly ChartPoint[], box: Box): void {
  const values = points.flatMap((p) => [p.predicted, p.low80, p.high80, p.actual]);
  const lo = Math.min(0, ...values);
  const hi = Math.max(1, ...values);
  const step = niceStep(hi - lo);
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const left = box.x + 40;
  const bottom = box.y + box.height - 24;
  const plotW = box.width - 50;
  const plotH = box.height - 34;
  const sx = (v: number) => left + ((v - min) / (max - min)) * plotW;
  const sy = (v: number) => bottom - ((v - min) / (max - min)) * plotH;

  doc.save().lineWidth(0.5).strokeColor('#bbbbbb').fontSize(7).fillColor('#555555');
  for (let v = min; v <= max + step / 2; v += step) {
    doc
      .moveTo(left, sy(v))
      .lineTo(left + plotW, sy(v))
      .stroke();
    doc.text(format(v), box.x, sy(v) - 3, { width: 36, align: 'right', lineBreak: false });
    doc.text(format(v), sx(v) - 18, bottom + 4, { width: 36, align: 'center', lineBreak: false });
  }
  doc
    .strokeColor('#333333')
    .lineWidth(0.8)
    .moveTo(left, bottom)
    .lineTo(left + plotW, bottom)
    .stroke();
  doc
    .moveTo(left, bottom)
    .lineTo(left, bottom - plotH)
    .stroke();
  doc.dash(3, { space: 3 }).strokeColor('#888888').moveTo(sx(min), sy(min)).lineTo(sx(max), sy(max)).stroke().undash();
  for (const p of points) {
    const inside = p.actual >= p.low80 && p.actual <= p.high80;
    doc.strokeColor('#9aa9c7').lineWidth(0.6).moveTo(sx(p.predicted), sy(p.low80)).lineTo(sx(p.predicted), sy(p.high80)).stroke();
    doc.circle(sx(p.predicted), sy(p.actual), 1.8).fill(inside ? '#2e7d32' : '#c62828');
  }
  doc.fillColor('#333333').fontSize(8);
  doc.text('predicted', left, bottom + 14, { width: plotW, align: 'center', lineBreak: false });
  doc.text('actual', left + 4, bottom - plotH - 10, { lineBreak: false });
  doc.restore();
}
