import { amountText, MONEY_METRICS } from '@shared/money';
import { AccountZone } from '@shared/zone';
import type { ExportRow } from './export-rows';
import { localStamp } from './local-stamp';
import { pdfSafe } from './pdf-text';
import { settingText } from './setting-text';
import type { WorkspaceLabels } from './workspace-labels';

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
  cell(row: ExportRow): string;
}

const num = (v: number) => Number(v.toPrecision(4)).toString();

/**
 * The decision table's columns for a workspace: times local to its zone with their offset,
 * amounts in its currency's minor units. Widths in points fit a landscape A4 page's text width.
 */
export function decisionColumns(labels: WorkspaceLabels): Column[] {
  const zone = AccountZone.of(labels.timezone);
  const money = (amount: number) => amountText(amount, labels.currency);
  const value = (r: ExportRow, v: number) => (MONEY_METRICS.has(r.metric) ? money(v) : num(v));
  return [
    { title: 'Local time', width: 100, cell: (r) => localStamp(zone, r.createdAt) },
    { title: 'Ref', width: 48, cell: (r) => r.id.slice(0, 8) },
    { title: 'Agent', width: 80, cell: (r) => r.agentName },
    { title: 'Campaign', width: 70, cell: (r) => r.campaignId },
    { title: 'Action', width: 44, cell: (r) => r.kind },
    { title: 'Before', width: 58, cell: (r) => settingText(r.before, `decision ${r.id} before`, money) },
    { title: 'After', width: 58, cell: (r) => settingText(r.after, `decision ${r.id} after`, money) },
    { title: 'State', width: 52, cell: (r) => r.state },
    { title: 'Conf.', width: 32, align: 'right', cell: (r) => r.confidence.toFixed(2) },
    { title: 'Metric', width: 46, cell: (r) => r.metric },
    { title: 'Predicted', width: 50, align: 'right', cell: (r) => value(r, r.predicted) },
    { title: '80% interval', width: 76, align: 'right', cell: (r) => `${value(r, r.low80)}-${value(r, r.high80)}` },
    { title: 'Actual', width: 50, align: 'right', cell: (r) => (r.actual === null ? '' : value(r, r.actual)) },
  ];
}

export const tableWidth = (columns: readonly Column[]) => columns.reduce((s, c) => s + c.width, 0);
export const ROW_HEIGHT = 21;

function clipTo(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 0 && doc.widthOfString(`${text.slice(0, end)}...`) > width) end = Math.floor(end * 0.9);
  return `${text.slice(0, end)}...`;
}

export function drawHeader(doc: PDFKit.PDFDocument, columns: readonly Column[], x: number, y: number): void {
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor('#000000');
  let cx = x;
  for (const c of columns) {
    doc.text(c.title, cx, y, { width: c.width - 4, align: c.align ?? 'left', lineBreak: false });
    cx += c.width;
  }
  doc
    .moveTo(x, y + 11)
    .lineTo(x + tableWidth(columns), y + 11)
    .lineWidth(0.6)
    .strokeColor('#444444')
    .stroke();
}

/** One decision: its cells on one line (so extracted text keeps a row together), its reasoning below in grey. */
export function drawRow(doc: PDFKit.PDFDocument, columns: readonly Column[], row: ExportRow, x: number, y: number): void {
  doc.font('Helvetica').fontSize(7.5).fillColor('#000000');
  let cx = x;
  for (const c of columns) {
    doc.text(clipTo(doc, pdfSafe(c.cell(row)), c.width - 4), cx, y, { width: c.width - 4, align: c.align ?? 'left', lineBreak: false });
    cx += c.width;
  }
  const width = tableWidth(columns) - 8;
  doc.fontSize(6.5).fillColor('#666666');
  doc.text(clipTo(doc, pdfSafe(row.reasoning), width), x + 8, y + 9.5, { width, lineBreak: false });
}
