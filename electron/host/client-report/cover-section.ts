import { localStamp } from '@store/exports/local-stamp';
import type { ReportContext } from './report-context';
import { PAGE, TEXT_WIDTH } from './report-writer';

/** The first page's head: whose account, which days, in what zone and currency. */
export function drawCover(doc: PDFKit.PDFDocument, { client, period, zone, currency, generatedAt }: ReportContext): void {
  const x = PAGE.margin;
  doc.font('bold').fontSize(24).fillColor('#000000').text('Campaign performance report', x, 110, { width: TEXT_WIDTH });
  doc.moveDown(0.4).font('bold').fontSize(18).text(client, { width: TEXT_WIDTH });
  doc.moveDown(0.6).font('body').fontSize(12);
  doc.text(`Period: ${period.from} to ${period.to} (${period.days} day${period.days === 1 ? '' : 's'})`);
  doc.text(`Days and times: local to ${zone.id}`);
  doc.text(`Amounts: ${currency}`);
  doc.text(`Generated: ${localStamp(zone, generatedAt)}`);
}
