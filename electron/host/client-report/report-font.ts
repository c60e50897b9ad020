import { createRequire } from 'node:module';

/**
 * DejaVu Sans, embedded so that campaign and client names in Cyrillic, Greek and most other
 * scripts print as written (PDF's standard fonts stop at Windows-1252). Resolved from
 * node_modules at run time: the main bundle keeps dependencies external, and tsx runs from source.
 */
const require = createRequire(import.meta.url);

export const REPORT_FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

/** Registers the fonts under the names the sections use. */
export function registerReportFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont('body', REPORT_FONTS.regular);
  doc.registerFont('bold', REPORT_FONTS.bold);
}
