import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { CampaignChange, CampaignInfo, HourlyMetrics } from '@shared/domain/campaign';
import type { ApplyResult, MetricsQuery, PlatformAdapter } from '@shared/platform/adapter';

/**
 * The sandbox account's durable memory in the crash suite. A real ad platform keeps a change it
 * took even when the caller dies before hearing the answer; the in-process sandbox would forget
 * it with the process. So every change the sandbox took is appended here, and fsynced, before
 * applyChange returns: that append is the platform's commit. A restarted child replays the
 * journal onto a fresh world of the same seed, and the test reads it as the adapter's call log.
 */
export type JournalLine =
  { t: 'apply'; hour: number; key: string; change: CampaignChange } | { t: 'hour'; hour: number; auditCount: number; decisions: number };

/** Reads the journal; a line torn by a kill mid-write is cut off (it never committed). */
export function readJournal(path: string, repair = false): JournalLine[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (repair && end < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, end)));
  return text
    .slice(0, end)
    .split('\n')
    .filter((line) => line !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as JournalLine;
      } catch {
        throw new Error(`${path}: line ${i + 1} is not JSON, yet only the last line can be torn: ${line.slice(0, 80)}`);
      }
    });
}

export class Journal {
  private readonly fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }
  append(line: JournalLine): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.fd);
  }
  close(): void {
    closeSync(this.fd);
  }
}

/** The adapter the agents see: the sandbox, with every change it takes journalled before the answer. */
export class JournaledPlatform implements PlatformAdapter {
  readonly id: string;
  readonly currency: string;
  constructor(
    private readonly inner: PlatformAdapter,
    private readonly journal: Journal,
    private readonly hour: () => number,
    /** Told of each change once it is durable, before the caller hears of it. */
    private readonly afterCommit: (key: string) => Promise<void> | void = () => undefined,
  ) {
    this.id = inner.id;
    this.currency = inner.currency;
  }
  listCampaigns(): Promise<CampaignInfo[]> {
    return this.inner.listCampaigns();
  }
  getCampaign(campaignId: string): Promise<CampaignInfo> {
    return this.inner.getCampaign(campaignId);
  }
  getMetrics(query: MetricsQuery): Promise<HourlyMetrics[]> {
    return this.inner.getMetrics(query);
  }
  async applyChange(change: CampaignChange, idempotencyKey: string): Promise<ApplyResult> {
    const result = await this.inner.applyChange(change, idempotencyKey);
    if (result.applied) {
      this.journal.append({ t: 'apply', hour: this.hour(), key: idempotencyKey, change });
      await this.afterCommit(idempotencyKey);
    }
    return result;
  }
}
