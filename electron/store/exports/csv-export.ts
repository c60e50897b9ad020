import type Database from 'better-sqlite3';
import { open } from 'node:fs/promises';
import { amountText, MONEY_METRICS } from '@shared/money';
import { AccountZone } from '@shared/zone';
import { writeAtomically } from './atomic-file';
import { csvCell, csvLine } from './csv-line';
import { exportChunks, type ExportFilter, type ExportRow } from './export-rows';
import { settingText } from './setting-text';
import type { WorkspaceLabels } from './workspace-labels';

/**
 * The columns, in order. `currency`, `timezone` and `workspace` came last (with local times in
 * `timestamp`), so that a sheet or a script reading the earlier columns by position still works.
 */
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
  'currency',
  'timezone',
  'workspace',
] as const;

const yesNo = (flag: number | null) => (flag === null ? '' : flag ? 'yes' : 'no');
const MILLIS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * The records of one workspace's export: timestamps as local ISO 8601 with their offset in the
 * workspace's zone, amounts (budgets, bids, and predictions and outcomes of money metrics) in
 * its currency's minor units, the rest as stored.
 *
 * Numbers this module formats itself must stay numbers a spreadsheet can sum: a negative
 * prediction or outcome is `-12.5`, not a formula. Text cells are made inert when they start
 * like a formula; ids, states, dates and hashes never do, while agent names, campaign ids,
 * settings (which carry audience and creative ids from the account), approvers, reasoning and
 * the workspace's name come from people and files.
 */
export class CsvRows {
  private readonly zone: AccountZone;
  private readonly money: (amount: number) => string;
  /** Settings repeat a lot (the same budgets, statuses): each distinct one is parsed and quoted once, in a bounded cache. */
  private readonly settings = new Map<string, string>();
  /** The last three cells, the same on every row, quoted once. */
  private readonly tail: string;

  constructor(labels: WorkspaceLabels) {
    this.zone = AccountZone.of(labels.timezone);
    const { currency } = labels;
    this.money = (amount) => amountText(amount, currency);
    this.tail = `${csvCell(currency, true)},${csvCell(labels.timezone, true)},${csvCell(labels.name, true)}\r\n`;
  }

  /**
   * One record as written, CRLF included: built as one string, since it is the export's inner
   * loop. Timestamps, numbers and yes/no are never quoted; every other cell is checked.
   */
  line(r: ExportRow): string {
    const number = MONEY_METRICS.has(r.metric) ? this.money : String;
    return (
      `${this.timestamp(r.createdAt)},${csvCell(r.id)},${csvCell(r.agentName, true)},${csvCell(r.campaignId, true)},${csvCell(r.kind)},` +
      `${this.setting(r.before, r.id, 'before')},${this.setting(r.after, r.id, 'after')},${csvCell(r.state)},` +
      `${r.approvedBy === null ? '' : csvCell(r.approvedBy, true)},${csvCell(r.reasoning, true)},${r.confidence},${csvCell(r.metric)},` +
      `${number(r.predicted)},${number(r.low80)},${number(r.high80)},${r.actual === null ? '' : number(r.actual)},${yesNo(r.withinInterval)},` +
      `${r.parentDecisionId === null ? '' : csvCell(r.parentDecisionId)},${r.entryHash === null ? '' : csvCell(r.entryHash)},${this.tail}`
    );
  }

  /** Local ISO 8601 with the offset, to the millisecond as stored: 2026-03-08T03:00:00.250-04:00. */
  private timestamp(ms: number): string {
    const iso = this.zone.isoLocal(ms);
    return `${iso.slice(0, 19)}.${MILLIS[((Math.floor(ms) % 1000) + 1000) % 1000]}${iso.slice(19)}`;
  }

  private setting(json: string, id: string, side: 'before' | 'after'): string {
    let cell = this.settings.get(json);
    if (cell === undefined) {
      if (this.settings.size >= 10_000) this.settings.clear();
      cell = csvCell(settingText(json, `decision ${id} ${side}`, this.money), true);
      this.settings.set(json, cell);
    }
    return cell;
  }
}

/**
 * Streams the matching decisions of a workspace into `file` as RFC 4180 CSV (CRLF, quotes where
 * needed, a UTF-8 byte order mark so spreadsheets read accents right), one chunk of rows at a
 * time, each written before the next is read: memory stays flat however many rows there are,
 * and the event loop gets a turn between chunks. Returns how many rows it wrote.
 */
export async function writeDecisionsCsv(sqlite: Database.Database, file: string, filter: ExportFilter, labels: WorkspaceLabels): Promise<{ rows: number }> {
  const csv = new CsvRows(labels);
  return writeAtomically(file, async (temp) => {
    const out = await open(temp, 'w');
    try {
      let rows = 0;
      await out.write(`\uFEFF${csvLine(CSV_HEADER)}`);
      for (const chunk of exportChunks(sqlite, filter)) {
        rows += chunk.length;
        let text = '';
        for (const row of chunk) text += csv.line(row);
        await out.write(text);
      }
      await out.sync();
      return { rows };
    } finally {
      await out.close();
    }
  });
}
