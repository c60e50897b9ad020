import PDFDocument from 'pdfkit';
import { AccountZone } from '@shared/zone';
import type { Store } from '@store/index';
import { activityFigures } from './activity-figures';
import { drawCampaigns } from './campaign-section';
import { drawChanges } from './changes-section';
import { drawCover } from './cover-section';
import { drawDigest } from './digest-section';
import { drawExperiments } from './experiments-section';
import { kpiFigures } from './kpi-figures';
import { drawKpis } from './kpi-section';
import { drawQuestions } from './questions-section';
import type { ReportContext } from './report-context';
import { registerReportFonts } from './report-font';
import { formatIn } from './report-format';
import { previousPeriod, reportPeriod } from './report-period';
import { ReportWriter } from './report-writer';
import { drawTrend } from './trend-section';

export interface ClientReportSource {
  store: Store;
  /** The workspace's name: the client the cover names. */
  workspace: string;
  timezone: string;
  currency: string;
  /** The account's clock. */
  now: number;
}

function gather(source: ClientReportSource, period?: { from?: string; to?: string }): ReportContext {
  const { store, now } = source;
  const zone = AccountZone.of(source.timezone);
  const current = reportPeriod(zone, now, period);
  const previous = previousPeriod(zone, current);
  return {
    client: source.workspace,
    currency: source.currency,
    zone,
    period: current,
    previous,
    kpis: kpiFigures(store, zone, current, previous),
    activity: activityFigures(store, zone, current, now),
    digest: store.audit.digestIfAny(),
    generatedAt: now,
    format: formatIn(source.currency),
  };
}

function render(context: ReportContext): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `Campaign report: ${context.client}`, Producer: 'Agentic Campaign Manager' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerReportFonts(doc);
  drawCover(doc, context);
  const w = new ReportWriter(doc);
  doc.addPage();
  for (const section of [drawKpis, drawTrend, drawCampaigns, drawChanges, drawQuestions, drawExperiments, drawDigest]) section(w, context);
  doc.end();
  return done;
}

/**
 * A report a client can read: the cover, KPIs against the previous period and the goals, spend
 * and ROAS by day, the campaigns, what the agents changed with predicted against actual, open
 * questions, finished experiments, and the audit chain's digest. `from`/`to` are the account's
 * local dates, inclusive; by default the 30 complete local days before `now`'s day. Invalid
 * dates, or from after to: INVALID_INPUT naming the field.
 */
export async function clientReportPdf(source: ClientReportSource, period?: { from?: string; to?: string }): Promise<{ pdf: Buffer; from: string; to: string }> {
  const context = gather(source, period);
  return { pdf: await render(context), from: context.period.from, to: context.period.to };
}
