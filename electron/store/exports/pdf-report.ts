import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { AuditDigest } from '@shared/domain/audit';
import { minorUnits } from '@shared/money';
import { AccountZone } from '@shared/zone';
import { writeAtomically } from './atomic-file';
import { exportRows, type ExportFilter } from './export-rows';
import { localStamp } from './local-stamp';
import { drawPredictedVsActual } from './pdf-chart';
import { pdfSafe } from './pdf-text';
import { decisionColumns, drawHeader, drawRow, ROW_HEIGHT } from './pdf-table';
import { ReportFigures } from './report-figures';
import type { WorkspaceLabels } from './workspace-labels';

export interface PdfReportOptions {
  filter?: ExportFilter;
  /** The ad account's name, when the title page should name it beside the workspace. */
  account?: string;
  /** The chain's signed head at the time of the export; absent only for an empty log. */
  digest?: AuditDigest;
  /** When the report was made; default now. */
  generatedAt?: number;
}

const MARGIN = 30;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Lets the piped file stream drain, so a long table never piles up in memory. */
const drain = () => new Promise((resolve) => setImmediate(resolve));

/** What the report is about, as every page of it reads times and amounts. */
interface Report {
  labels: WorkspaceLabels;
  zone: AccountZone;
  filter: ExportFilter;
}

function periodText({ filter, zone }: Report, figures: ReportFigures): string {
  const from = filter.from ?? figures.first;
  const to = filter.to === undefined ? figures.last : filter.to - 1;
  return from === undefined || to === undefined ? 'no decisions' : `${zone.date(from)} to ${zone.date(to)} (local days of ${zone.id})`;
}

function currencyText(currency: string): string {
  const digits = minorUnits(currency);
  return `${currency} (amounts ${digits === 0 ? 'in whole units' : `to ${digits} decimal place${digits === 1 ? '' : 's'}`})`;
}

function titlePage(doc: PDFKit.PDFDocument, report: Report, options: PdfReportOptions, figures: ReportFigures): void {
  const { digest } = options;
  const { labels, zone } = report;
  doc.font('Helvetica-Bold').fontSize(26).text('Agent decision audit report', MARGIN, 120);
  doc.moveDown(0.6).font('Helvetica').fontSize(14);
  doc.text(`Workspace: ${pdfSafe(labels.name)}`);
  if (options.account !== undefined) doc.text(`Account: ${pdfSafe(options.account)}`);
  doc.text(`Period: ${periodText(report, figures)}`);
  doc.text(`Times: local to ${zone.id}, with their offset from UTC`);
  doc.text(`Currency: ${currencyText(labels.currency)}`);
  doc.text(`Generated: ${localStamp(zone, options.generatedAt ?? Date.now())}`);
  const f = report.filter;
  const scope = [f.agentId && `agent ${f.agentId}`, f.campaignId && `campaign ${f.campaignId}`].filter(Boolean).join(', ');
  if (scope) doc.text(`Scope: ${pdfSafe(scope)}`);
  doc.moveDown(1.5).font('Helvetica-Bold').fontSize(13).text('Audit chain digest');
  doc.font('Helvetica').fontSize(9.5);
  if (!digest) {
    doc.text('The audit log is empty: there is nothing to sign.');
    return;
  }
  const fingerprint = createHash('sha256').update(digest.publicKey).digest('hex').slice(0, 32);
  doc.text(`Format: ${digest.format}, ${digest.algorithm}`);
  doc.text(`Entries: ${digest.count}`);
  doc.text(`Head hash: ${digest.headHash}`);
  doc.text(`Signed at: ${digest.signedAt} (${localStamp(zone, Date.parse(digest.signedAt))} local)`);
  doc.text(`Signing key fingerprint (sha256 of the public key): ${fingerprint}`);
  doc.text(`Signature: ${digest.signature}`, { width: 520 });
  doc.moveDown(0.8).fillColor('#555555');
  doc.text('Check the database against this page with: acm audit verify --db FILE --digest DIGEST.json (the digest file holds these values).', { width: 520 });
  doc.fillColor('#000000');
}

function summaryPage(doc: PDFKit.PDFDocument, figures: ReportFigures): void {
  doc.addPage({ layout: 'landscape', margin: MARGIN });
  doc.font('Helvetica-Bold').fontSize(16).text('Summary', MARGIN, MARGIN);
  const states = [...figures.states.entries()].map(([s, n]) => `${s} ${n}`).join(', ') || 'none';
  const executed = (figures.states.get('executed') ?? 0) + (figures.states.get('undone') ?? 0);
  const kpis: [string, string][] = [
    ['Decisions', `${figures.decisions} (${states})`],
    ['Executed', `${executed}, of which ${figures.autonomous} without a person's approval`],
    ['Agents / campaigns', `${figures.agents.size} / ${figures.campaigns.size}`],
    ['Outcomes evaluated', String(figures.evaluated)],
    ['Directional accuracy', figures.evaluated ? pct(figures.directional / figures.evaluated) : 'n/a'],
    ['80% interval coverage', figures.evaluated ? pct(figures.inside / figures.evaluated) : 'n/a'],
    ['Mean absolute % error', figures.mape === null ? 'n/a' : pct(figures.mape)],
  ];
  doc.fontSize(10);
  let y = MARGIN + 28;
  for (const [label, value] of kpis) {
    doc.font('Helvetica-Bold').text(label, MARGIN, y, { width: 150, lineBreak: false });
    doc.font('Helvetica').text(value, MARGIN + 150, y, { width: 600, lineBreak: false });
    y += 15;
  }
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text('Predicted vs actual (evaluated decisions)', MARGIN, y + 12);
  doc.font('Helvetica').fontSize(8).fillColor('#555555');
  doc.text(
    'Whisker: the 80% interval at the prediction. Dot: what happened (green inside the interval, red outside). Dashed: a perfect forecast.',
    MARGIN,
    y + 28,
  );
  doc.fillColor('#000000');
  if (figures.points.length === 0) doc.fontSize(10).text('No decision in this period has a closed outcome window yet.', MARGIN, y + 50);
  else drawPredictedVsActual(doc, figures.points, { x: MARGIN, y: y + 42, width: 560, height: 595 - MARGIN - (y + 42) });
}

async function decisionTable(doc: PDFKit.PDFDocument, sqlite: Database.Database, { filter, labels }: Report): Promise<number> {
  const columns = decisionColumns(labels);
  const title = `(times in ${labels.timezone}, amounts in ${labels.currency})`;
  const bottom = 595 - MARGIN - ROW_HEIGHT;
  let y = Infinity;
  let rows = 0;
  let page = 0;
  for (const row of exportRows(sqlite, filter)) {
    if (y > bottom) {
      if (page++ > 0) await drain();
      doc.addPage({ layout: 'landscape', margin: MARGIN });
      doc
        .font('Helvetica-Bold')
        .fontSize(12)
        .fillColor('#000000')
        .text(`${page === 1 ? 'Decisions' : 'Decisions, continued'} ${title}`, MARGIN, MARGIN);
      drawHeader(doc, columns, MARGIN, MARGIN + 20);
      y = MARGIN + 36;
    }
    drawRow(doc, columns, row, MARGIN, y);
    y += ROW_HEIGHT;
    rows++;
  }
  if (rows === 0) {
    doc.addPage({ layout: 'landscape', margin: MARGIN });
    doc.font('Helvetica-Bold').fontSize(12).text('Decisions', MARGIN, MARGIN).font('Helvetica').fontSize(10).text('No decision matches.');
  }
  return rows;
}

function listSection(doc: PDFKit.PDFDocument, title: string, lines: Iterable<string>): void {
  doc.addPage({ layout: 'landscape', margin: MARGIN });
  doc.font('Helvetica-Bold').fontSize(12).fillColor('#000000').text(title, MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(8).moveDown(0.5);
  let any = false;
  for (const line of lines) {
    any = true;
    doc.text(pdfSafe(line), { width: 780 }).moveDown(0.3);
  }
  if (!any) doc.text('None in this period.');
}

/** The parameters of a section's `created_at` window and its campaign and agent filters, in the order both section queries take them. */
function windowParams(f: Report['filter']): unknown[] {
  return [f.from ?? Number.MIN_SAFE_INTEGER, f.to ?? Number.MAX_SAFE_INTEGER, f.campaignId ?? null, f.campaignId ?? null, f.agentId ?? null, f.agentId ?? null];
}

function* conflictLines(sqlite: Database.Database, { filter: f, zone }: Report): Generator<string> {
  const rows = sqlite
    .prepare(
      `SELECT c.created_at AS at, c.campaign_id AS campaign, c.setting, c.rule, w.name AS winner, l.name AS loser, c.loser_proposal AS dissent, c.reviewed
       FROM conflicts c JOIN agents w ON w.id = c.winner_agent_id JOIN agents l ON l.id = c.loser_agent_id
       WHERE c.created_at >= ? AND c.created_at < ? AND (? IS NULL OR c.campaign_id = ?) AND (? IS NULL OR ? IN (c.winner_agent_id, c.loser_agent_id))
       ORDER BY c.created_at, c.id`,
    )
    .all(...windowParams(f)) as {
    at: number;
    campaign: string;
    setting: string;
    rule: string;
    winner: string;
    loser: string;
    dissent: string;
    reviewed: number;
  }[];
  for (const c of rows) {
    const dissent = (JSON.parse(c.dissent) as { reasoning: string }).reasoning;
    yield `${localStamp(zone, c.at)}  ${c.campaign} ${c.setting}: ${c.winner} won over ${c.loser} by ${c.rule}${c.reviewed ? '' : ' (unreviewed)'}. Dissent: ${dissent}`;
  }
}

function* alertLines(sqlite: Database.Database, { filter: f, zone }: Report): Generator<string> {
  const rows = sqlite
    .prepare(
      `SELECT al.created_at AS at, al.severity, al.kind, al.state, al.message, a.name AS agent FROM alerts al LEFT JOIN agents a ON a.id = al.agent_id
       LEFT JOIN decisions d ON d.id = al.decision_id
       WHERE al.created_at >= ? AND al.created_at < ? AND (? IS NULL OR d.campaign_id = ?) AND (? IS NULL OR al.agent_id = ?)
       ORDER BY al.created_at, al.id`,
    )
    .all(...windowParams(f)) as {
    at: number;
    severity: string;
    kind: string;
    state: string;
    message: string;
    agent: string | null;
  }[];
  for (const a of rows) yield `${localStamp(zone, a.at)}  [${a.severity}] ${a.kind} (${a.state}) ${a.agent ?? 'account'}: ${a.message}`;
}

/**
 * The decisions of a workspace matching `filter` as a PDF report: title page naming the
 * workspace, its zone and currency, with the chain digest; summary KPIs and the
 * predicted-vs-actual chart; the decision table; then conflicts and alerts. Times are local to
 * the workspace's zone, amounts in its currency. Text is set in the standard fonts, so it stays
 * selectable and extractable. Written to a temporary file and renamed into place. Returns how
 * many decisions the table holds.
 */
export async function writeDecisionsPdf(
  sqlite: Database.Database,
  file: string,
  options: PdfReportOptions,
  labels: WorkspaceLabels,
): Promise<{ rows: number }> {
  const report: Report = { labels, zone: AccountZone.of(labels.timezone), filter: options.filter ?? {} };
  const figures = new ReportFigures();
  for (const row of exportRows(sqlite, report.filter)) figures.add(row);
  return writeAtomically(file, async (temp) => {
    const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Audit report: ${labels.name}`, Producer: 'Agentic Campaign Manager' } });
    const out = createWriteStream(temp);
    doc.pipe(out);
    titlePage(doc, report, options, figures);
    summaryPage(doc, figures);
    const rows = await decisionTable(doc, sqlite, report);
    listSection(doc, "Conflicts between agents (with the losing agent's dissent)", conflictLines(sqlite, report));
    listSection(doc, 'Alerts', alertLines(sqlite, report));
    doc.end();
    await finished(out);
    return { rows };
  });
}
