import { toJson } from '../json';
import type { Handles } from './handles';

/** A sandbox account's saved world: the scenario file's text it plays and its state (JSON) as of `savedAt`, the account clock's instant. */
export interface SandboxStateRecord {
  accountId: number;
  scenario: string;
  state: string;
  savedAt: number;
}

export interface SandboxHourRecord {
  hour: number;
  data: Float64Array;
}

export interface SandboxStateSave {
  state: string;
  savedAt: number;
  /** Hours simulated since the last save, each written once. */
  hours: readonly SandboxHourRecord[];
}

/** The latest simulated instant the record holds, and what holds it. */
export interface RecordEnd {
  at: number;
  what: string;
}

export interface SandboxStateRepository {
  get(accountId: number): SandboxStateRecord | undefined;
  /** Every saved hour of the account's world, in order, read as they are iterated. */
  hours(accountId: number): IterableIterator<SandboxHourRecord>;
  /** The first save of a new world, with the scenario it plays. */
  begin(accountId: number, scenario: string, save: SandboxStateSave): void;
  /** The state and the new hours together, in one transaction: a save is all or nothing. */
  save(accountId: number, save: SandboxStateSave): void;
  /**
   * The latest time on the record in the account's simulated time: decisions, their execution,
   * alerts, agents, conflicts, outcomes, metrics. (Audit entries are stamped by the wall clock.)
   */
  latestRecord(): RecordEnd | undefined;
  /** Audits that the host started again over this account's saved world. */
  recordRestart(accountId: number, details: Record<string, unknown>): void;
}

const LATEST_RECORD = `SELECT what, at FROM (
  SELECT 'a decision' AS what, MAX(created_at) AS at FROM decisions
  UNION ALL SELECT 'an executed decision', MAX(executed_at) FROM decisions
  UNION ALL SELECT 'an alert', MAX(created_at) FROM alerts
  UNION ALL SELECT 'an agent', MAX(updated_at) FROM agents
  UNION ALL SELECT 'a conflict', MAX(created_at) FROM conflicts
  UNION ALL SELECT 'an outcome', MAX(evaluated_at) FROM outcomes
  UNION ALL SELECT 'a campaign snapshot', MAX(taken_at) FROM campaign_snapshots
  UNION ALL SELECT 'an hourly metrics report', MAX(reported_at) FROM hourly_metrics
) WHERE at IS NOT NULL ORDER BY at DESC LIMIT 1`;

const toBuffer = (data: Float64Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** A copy, since SQLite's buffer need not be 8-byte aligned. */
function toFloats(blob: Buffer): Float64Array {
  const floats = new Float64Array(blob.byteLength / Float64Array.BYTES_PER_ELEMENT);
  new Uint8Array(floats.buffer).set(blob);
  return floats;
}

export function createSandboxStateRepository({ sqlite, audit }: Handles): SandboxStateRepository {
  const read = sqlite.prepare('SELECT account_id AS accountId, scenario, state, saved_at AS savedAt FROM sandbox_state WHERE account_id = ?');
  const readHours = sqlite.prepare('SELECT hour, data FROM sandbox_hours WHERE account_id = ? ORDER BY hour');
  const insertState = sqlite.prepare('INSERT INTO sandbox_state (account_id, scenario, state, saved_at) VALUES (?, ?, ?, ?)');
  const updateState = sqlite.prepare('UPDATE sandbox_state SET state = ?, saved_at = ? WHERE account_id = ?');
  const insertHour = sqlite.prepare('INSERT INTO sandbox_hours (account_id, hour, data) VALUES (?, ?, ?)');
  const latest = sqlite.prepare(LATEST_RECORD);

  const writeHours = (accountId: number, hours: readonly SandboxHourRecord[]) => {
    for (const { hour, data } of hours) insertHour.run(accountId, hour, toBuffer(data));
  };
  const begin = sqlite.transaction((accountId: number, scenario: string, save: SandboxStateSave) => {
    insertState.run(accountId, scenario, save.state, save.savedAt);
    writeHours(accountId, save.hours);
  });
  const save = sqlite.transaction((accountId: number, save: SandboxStateSave) => {
    if (updateState.run(save.state, save.savedAt, accountId).changes !== 1) throw new Error(`account ${accountId} has no saved sandbox world to update`);
    writeHours(accountId, save.hours);
  });

  return {
    get: (accountId) => read.get(accountId) as SandboxStateRecord | undefined,
    *hours(accountId) {
      for (const row of readHours.iterate(accountId) as IterableIterator<{ hour: number; data: Buffer }>) yield { hour: row.hour, data: toFloats(row.data) };
    },
    begin: (accountId, scenario, first) => begin.immediate(accountId, scenario, first),
    save: (accountId, update) => save.immediate(accountId, update),
    latestRecord: () => latest.get() as RecordEnd | undefined,
    recordRestart: (accountId, details) =>
      sqlite.transaction(() => {
        audit.append({ kind: 'host.restarted', subject: String(accountId), content: toJson(details, 'host restart') });
      })(),
  };
}
