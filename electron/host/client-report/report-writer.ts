/** Portrait A4, in points. */
export const PAGE = { width: 595.28, height: 841.89, margin: 40 };
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

export interface Cell {
  text: string;
  width: number;
  align?: 'left' | 'right';
}

const ROW = 13;

/**
 * Sets the report top to bottom, starting a page when the next block would not fit. A table
 * row's cells are drawn on one baseline and clipped to their width, so a row reads as one line
 * when the text is extracted.
 */
export class ReportWriter {
  private y = PAGE.margin;

  constructor(readonly doc: PDFKit.PDFDocument) {}

  /** Room for `height` more points, else a new page. */
  ensure(height: number): void {
    if (this.y + height <= PAGE.height - PAGE.margin) return;
    this.doc.addPage();
    this.y = PAGE.margin;
  }

  /** The top of the next block, for a section that draws (a chart) rather than sets text. */
  take(height: number): number {
    this.ensure(height);
    const top = this.y;
    this.y += height;
    return top;
  }

  heading(text: string): void {
    this.ensure(48);
    this.y += 10;
    this.doc.font('bold').fontSize(14).fillColor('#000000').text(text, PAGE.margin, this.y, { width: TEXT_WIDTH, lineBreak: false });
    this.y += 22;
  }

  paragraph(text: string, options: { size?: number; color?: string; bold?: boolean } = {}): void {
    const { doc } = this;
    doc
      .font(options.bold ? 'bold' : 'body')
      .fontSize(options.size ?? 9)
      .fillColor(options.color ?? '#000000');
    const height = doc.heightOfString(text, { width: TEXT_WIDTH });
    this.ensure(height);
    doc.text(text, PAGE.margin, this.y, { width: TEXT_WIDTH });
    this.y += height + 3;
  }

  row(cells: readonly Cell[], options: { bold?: boolean; color?: string } = {}): void {
    const { doc } = this;
    this.ensure(ROW);
    doc
      .font(options.bold ? 'bold' : 'body')
      .fontSize(8)
      .fillColor(options.color ?? '#000000');
    let x = PAGE.margin;
    for (const cell of cells) {
      doc.text(clip(doc, cell.text, cell.width - 4), x, this.y, { width: cell.width - 4, align: cell.align ?? 'left', lineBreak: false });
      x += cell.width;
    }
    this.y += ROW;
    if (options.bold)
      doc
        .moveTo(PAGE.margin, this.y - 2)
        .lineTo(x, this.y - 2)
        .lineWidth(0.5)
        .strokeColor('#888888')
        .stroke();
  }

  gap(points = 6): void {
    this.y += points;
  }
}

function clip(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 0 && doc.widthOfString(`${text.slice(0, end)}…`) > width) end--;
  return `${text.slice(0, end)}…`;
}
