import type Database from 'better-sqlite3';
import { open } from 'node:fs/promises';
import { writeAtomically } from './atomic-file';
import { csvLine } from './csv-line';
import { exportChunks, type ExportFilter, type ExportRow } from './export-rows';
import { settingText } from './setting-text';

export const CSV_HEADER = [
  'timestamp',
  'decision_id',
  'agent',
  'campaign',
  'action',
  'before',
  'after',
  'state',
  'approved_by',
  'reasoning',
  'confidence',
  'metric',
  'predicted',
  'interval_low',
  'interval_high',
  'actual',
  'within_interval',
  'undo_of',
  'entry_hash',
] as const;

/**
 * Every column is text but the numbers this module formats itself, which must stay numbers a
 * spreadsheet can sum: a negative prediction or outcome is `-12.5`, not a formula. Text cells
 * are made inert when they start like a formula; ids, states, dates and hashes never do, while
 * agent names, campaign ids, settings (which carry audience and creative ids from the account),
 * approvers and reasoning come from people and files.
 */
const NUMBER_COLUMNS: ReadonlySet<string> = new Set(['confidence', 'predicted', 'interval_low', 'interval_high', 'actual']);
const TEXT_COLUMNS = CSV_HEADER.map((name) => !NUMBER_COLUMNS.has(name));

const yesNo = (flag: number | null) => (flag === null ? '' : flag ? 'yes' : 'no');

/** Settings repeat a lot (the same budgets, statuses): parse each distinct one once, in a bounded cache. */
const settings = new Map<string, string>();
function setting(json: string, where: string): string {
  let text = settings.get(json);
  if (text === undefined) {
    if (settings.size >= 10_000) settings.clear();
    text = settingText(json, where);
    settings.set(json, text);
  }
  return text;
}

/** One CSV record's fields; numbers are written in full, exactly as stored. */
export function csvRecord(r: ExportRow): string[] {
  const where = `decision ${r.id}`;
  return [
    new Date(r.createdAt).toISOString(),
    r.id,
    r.agentName,
    r.campaignId,
    r.kind,
    setting(r.before, `${where} before`),
    setting(r.after, `${where} after`),
    r.state,
    r.approvedBy ?? '',
    r.reasoning,
    String(r.confidence),
    r.metric,
    String(r.predicted),
    String(r.low80),
    String(r.high80),
    r.actual === null ? '' : String(r.actual),
    yesNo(r.withinInterval),
    r.parentDecisionId ?? '',
    r.entryHash ?? '',
  ];
}

/** One CSV record as written, CRLF included. */
export function csvRow(r: ExportRow): string {
  return csvLine(csvRecord(r), TEXT_COLUMNS);
}

/**
 * Streams the matching decisions into `file` as RFC 4180 CSV (CRLF, quotes where needed, a
 * UTF-8 byte order mark so spreadsheets read accents right), one chunk of rows at a time, each
 * written before the next is read: memory stays flat however many rows there are, and the
 * event loop gets a turn between chunks. Returns how many rows it wrote.
 */
export async function writeDecisionsCsv(sqlite: Database.Database, file: string, filter: ExportFilter = {}): Promise<{ rows: number }> {
  return writeAtomically(file, async (temp) => {
    const out = await open(temp, 'w');
    try {
      let rows = 0;
      await out.write(`\uFEFF${csvLine(CSV_HEADER)}`);
      for (const chunk of exportChunks(sqlite, filter)) {
        rows += chunk.length;
        let text = '';
        for (const row of chunk) text += csvRow(row);
        await out.write(text);
      }
      await out.sync();
      return { rows };
    } finally {
      await out.close();
    }
  });
}
