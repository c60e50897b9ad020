import type { ExportRow } from './export-rows';
import { pdfSafe } from './pdf-text';
import { settingText } from './setting-text';

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
  cell(row: ExportRow): string;
}

const num = (v: number) => Number(v.toPrecision(4)).toString();
const time = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');

/** The decision table's columns; widths in points sum to a landscape A4 page's text width. */
export const DECISION_COLUMNS: Column[] = [
  { title: 'Time (UTC)', width: 70, cell: (r) => time(r.createdAt) },
  { title: 'Ref', width: 48, cell: (r) => r.id.slice(0, 8) },
  { title: 'Agent', width: 80, cell: (r) => r.agentName },
  { title: 'Campaign', width: 70, cell: (r) => r.campaignId },
  { title: 'Action', width: 44, cell: (r) => r.kind },
  { title: 'Before', width: 58, cell: (r) => settingText(r.before, `decision ${r.id} before`) },
  { title: 'After', width: 58, cell: (r) => settingText(r.after, `decision ${r.id} after`) },
  { title: 'State', width: 52, cell: (r) => r.state },
  { title: 'Conf.', width: 32, align: 'right', cell: (r) => r.confidence.toFixed(2) },
  { title: 'Metric', width: 46, cell: (r) => r.metric },
  { title: 'Predicted', width: 50, align: 'right', cell: (r) => num(r.predicted) },
  { title: '80% interval', width: 76, align: 'right', cell: (r) => `${num(r.low80)}-${num(r.high80)}` },
  { title: 'Actual', width: 50, align: 'right', cell: (r) => (r.actual === null ? '' : num(r.actual)) },
];

export const TABLE_WIDTH = DECISION_COLUMNS.reduce((s, c) => s + c.width, 0);
export const ROW_HEIGHT = 21;

function clipTo(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 0 && doc.widthOfString(`${text.slice(0, end)}...`) > width) end = Math.floor(end * 0.9);
  return `${text.slice(0, end)}...`;
}

export function drawHeader(doc: PDFKit.PDFDocument, x: number, y: number): void {
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor('#000000');
  let cx = x;
  for (const c of DECISION_COLUMNS) {
    doc.text(c.title, cx, y, { width: c.width - 4, align: c.align ?? 'left', lineBreak: false });
    cx += c.width;
  }
  doc
    .moveTo(x, y + 11)
    .lineTo(x + TABLE_WIDTH, y + 11)
    .lineWidth(0.6)
    .strokeColor('#444444')
    .stroke();
}

/** One decision: its cells on one line (so extracted text keeps a row together), its reasoning below in grey. */
export function drawRow(doc: PDFKit.PDFDocument, row: ExportRow, x: number, y: number): void {
  doc.font('Helvetica').fontSize(7.5).fillColor('#000000');
  let cx = x;
  for (const c of DECISION_COLUMNS) {
    doc.text(clipTo(doc, pdfSafe(c.cell(row)), c.width - 4), cx, y, { width: c.width - 4, align: c.align ?? 'left', lineBreak: false });
    cx += c.width;
  }
  doc.fontSize(6.5).fillColor('#666666');
  doc.text(clipTo(doc, pdfSafe(row.reasoning), TABLE_WIDTH - 8), x + 8, y + 9.5, { width: TABLE_WIDTH - 8, lineBreak: false });
}
