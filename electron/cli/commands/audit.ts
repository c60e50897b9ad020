import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { digestFileText, type AuditDigest } from '@shared/domain/audit';
import { AccountZone } from '@shared/zone';
import { UsageError, type Command, type CommandIO, type ParsedArgs } from '../command';
import { openDatabase, type Store } from '@store/index';
import { formatDailyDigest } from '@store/audit/daily-digest-text';
import { parseDigest } from '@store/audit/digest-file';
import type { ExportFilter } from '@store/exports/export-rows';
import { labelsOf } from '@store/exports/workspace-labels';

type Values = Record<string, string | undefined>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function requireDb(values: Values): string {
  if (values.db === undefined) throw new UsageError('--db FILE is required');
  const path = resolve(values.db);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`--db: no such file '${values.db}'`);
  return path;
}

/** An ISO 8601 time: with an offset or Z it is that instant, without one a wall-clock time in `zone`. */
function instantOf(text: string, zone: AccountZone): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  for (const read of [
    () => Temporal.Instant.from(text).epochMilliseconds,
    () => Temporal.PlainDateTime.from(text).toZonedDateTime(zone.id).epochMilliseconds,
  ]) {
    try {
      return read();
    } catch {
      // Not this form; try the next.
    }
  }
  return undefined;
}

/**
 * A day (YYYY-MM-DD, a local day of the workspace's zone: from its midnight to the next) or an
 * ISO 8601 time; a day given to --to includes that whole day.
 */
export function parseDate(flag: string, text: string | undefined, zone: AccountZone, end = false): number | undefined {
  if (text === undefined) return undefined;
  let time: number | undefined;
  if (DATE_ONLY.test(text)) {
    try {
      const day = zone.dayOfDate(text);
      time = end ? day.endMs : day.startMs;
    } catch {
      time = undefined;
    }
  } else time = instantOf(text, zone);
  if (time === undefined) throw new UsageError(`--${flag} must be a date (YYYY-MM-DD) or an ISO 8601 time, got '${text}'`);
  return time;
}

function requireOut(values: Values): string {
  if (values.out === undefined) throw new UsageError('--out FILE is required');
  const path = resolve(values.out);
  if (!existsSync(dirname(path))) throw new UsageError(`--out: the folder of '${values.out}' does not exist`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`--out: '${values.out}' is a folder; name a file`);
  return path;
}

function withStore<T>(path: string, readonly: boolean, fn: (store: Store) => Promise<T> | T): Promise<T> {
  let store: Store;
  try {
    store = openDatabase({ path, readonly });
  } catch (e) {
    throw new UsageError(`--db: ${(e as Error).message}`);
  }
  return Promise.resolve()
    .then(() => fn(store))
    .finally(() => store.close());
}

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Recompute the audit chain; with --digest, prove the log still extends a signed digest',
  usage: 'acm audit verify --db FILE [--digest FILE]',
  options: { db: { type: 'string' }, digest: { type: 'string' } },
  async run(args: ParsedArgs, io: CommandIO) {
    const values = args.values as Values;
    const path = requireDb(values);
    const digests: { digest: AuditDigest; source: string }[] = [];
    if (values.digest !== undefined) {
      let text: string;
      try {
        text = await readFile(values.digest, 'utf8');
      } catch {
        throw new UsageError(`--digest: cannot read '${values.digest}'`);
      }
      try {
        digests.push({ digest: parseDigest(text, values.digest), source: `digest ${values.digest}` });
      } catch (e) {
        throw new UsageError(`--digest: ${(e as Error).message}`);
      }
    }
    return withStore(path, true, (store) => {
      const verdict = store.audit.verify(digests);
      if (!verdict.ok) {
        io.out(`audit log BROKEN${verdict.seq === null ? '' : ` at entry ${verdict.seq}`}: ${verdict.problem}`);
        return 1;
      }
      const extends_ = digests.length > 0 ? `; it extends ${digests[0].source} (entry ${digests[0].digest.count}, signed ${digests[0].digest.signedAt})` : '';
      io.out(`audit log intact: ${verdict.count} entries, head ${verdict.headHash}, ${verdict.anchors} signed checkpoint(s) hold${extends_}`);
      for (const key of verdict.keyEvents.filter((k) => k.seq > 0)) {
        io.out(`signing key recorded at entry ${key.seq}${key.endorsed ? ' (endorsed by the key it replaced)' : ''}: ${key.reason}`);
      }
      return 0;
    });
  },
};

export const auditCheckpointCommand: Command = {
  name: 'audit checkpoint',
  summary: "Sign the audit log's head with the database's key and write it as a digest file to keep elsewhere",
  usage: 'acm audit checkpoint --db FILE --out FILE',
  options: { db: { type: 'string' }, out: { type: 'string' } },
  async run(args: ParsedArgs, io: CommandIO) {
    const values = args.values as Values;
    const path = requireDb(values);
    const out = requireOut(values);
    return withStore(path, false, async (store) => {
      if (store.audit.head().count === 0) throw new UsageError(`--db: the audit log of '${values.db}' is empty; there is nothing to sign`);
      const digest = store.audit.currentDigest();
      await writeFile(out, digestFileText(digest));
      io.out(`signed entry ${digest.count} (head ${digest.headHash}) into ${values.out}`);
      return 0;
    });
  },
};

export const auditRotateKeyCommand: Command = {
  name: 'audit rotate-key',
  summary: 'Start a new audit signing key, recorded in the log (endorsed by the old key when it is still at hand)',
  usage: 'acm audit rotate-key --db FILE --reason TEXT',
  options: { db: { type: 'string' }, reason: { type: 'string' } },
  async run(args: ParsedArgs, io: CommandIO) {
    const values = args.values as Values;
    const path = requireDb(values);
    if (values.reason === undefined || values.reason.trim() === '')
      throw new UsageError('--reason TEXT is required: it is recorded in the audit log with the new key');
    return withStore(path, false, (store) => {
      const rotated = store.audit.rotateKey(values.reason!);
      io.out(
        `new audit signing key recorded at entry ${store.audit.head().count}${rotated.endorsed ? ', endorsed by the old key' : ' (the old key was not at hand: the rotation is recorded unendorsed)'}`,
      );
      if (rotated.retiredTo) io.out(`the old key was kept as ${rotated.retiredTo}`);
      return 0;
    });
  },
};

function exportFilter(store: Store, values: Values): ExportFilter {
  // The workspace's days (UTC for a database from before workspaces).
  const zone = AccountZone.of(labelsOf(store.profile.get()).timezone);
  const from = parseDate('from', values.from, zone);
  const to = parseDate('to', values.to, zone, true);
  if (from !== undefined && to !== undefined && from >= to) throw new UsageError(`--from (${values.from}) must be before --to (${values.to})`);
  let agentId: string | undefined;
  if (values.agent !== undefined) {
    try {
      agentId = store.reports.agentIdByName(values.agent);
    } catch (e) {
      throw new UsageError(`--agent: ${(e as Error).message}`);
    }
  }
  return { from, to, agentId, campaignId: values.campaign };
}

/** Said beside a read-only export whose digest does not reach the head: what the signature does not cover yet. */
function unsigned(signed: number, head: number): string {
  return `the last signed checkpoint covers entries 1–${signed} of ${head}; the app signs the rest at its next checkpoint (or run acm audit checkpoint)`;
}

export const auditExportCommand: Command = {
  name: 'audit export',
  summary: "Export a workspace's decisions, their outcomes and audit hashes as CSV or as a PDF report, in its zone and currency",
  usage: 'acm audit export --db FILE --format csv|pdf --out FILE [--from DATE] [--to DATE] [--agent NAME] [--campaign ID] [--account NAME]',
  options: {
    db: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    agent: { type: 'string' },
    campaign: { type: 'string' },
    account: { type: 'string' },
  },
  async run(args: ParsedArgs, io: CommandIO) {
    const values = args.values as Values;
    const path = requireDb(values);
    if (values.format !== 'csv' && values.format !== 'pdf') {
      throw new UsageError(values.format === undefined ? '--format csv|pdf is required' : `--format must be 'csv' or 'pdf', got '${values.format}'`);
    }
    const out = requireOut(values);
    // Checked before the database opens; read again in the workspace's zone once it is.
    parseDate('from', values.from, AccountZone.UTC);
    parseDate('to', values.to, AccountZone.UTC, true);
    return withStore(path, true, async (store) => {
      const filter = exportFilter(store, values);
      const verdict = store.audit.verify();
      if (!verdict.ok) {
        io.err(`acm audit export: refused: the audit trail does not verify${verdict.seq === null ? '' : ` at entry ${verdict.seq}`}: ${verdict.problem}`);
        return 1;
      }
      // Opened read-only: the digest is the latest the app signed, which the log verified just now still extends.
      const digest = store.audit.storedDigest();
      const labels = labelsOf(store.profile.get());
      io.out(`workspace ${labels.name}: times local to ${labels.timezone}, amounts in ${labels.currency}`);
      if (values.format === 'csv') {
        const { rows } = await store.exports.csv(out, filter);
        if (digest) await writeFile(`${out}.digest.json`, digestFileText(digest));
        io.out(`wrote ${rows} decisions to ${values.out}${digest ? ` and the chain digest to ${values.out}.digest.json` : ''}`);
        if (!digest || digest.count < verdict.count) io.out(`note: ${unsigned(digest?.count ?? 0, verdict.count)}`);
      } else {
        const { rows } = await store.exports.pdf(out, { filter, account: values.account, digest });
        io.out(`wrote a report of ${rows} decisions to ${values.out}`);
        if (!digest || digest.count < verdict.count) io.out(`note: ${unsigned(digest?.count ?? 0, verdict.count)}`);
      }
      return 0;
    });
  },
};

export const auditDigestCommand: Command = {
  name: 'audit digest',
  summary: 'The review of a local day of the workspace: exceptions first (escalations, blocks, dissent, missed outcomes, goals at risk), then the rest',
  usage: 'acm audit digest --db FILE [--date YYYY-MM-DD]',
  options: { db: { type: 'string' }, date: { type: 'string' } },
  async run(args: ParsedArgs, io: CommandIO) {
    const values = args.values as Values;
    const path = requireDb(values);
    if (values.date !== undefined && !DATE_ONLY.test(values.date)) throw new UsageError(`--date must be a day, YYYY-MM-DD, got '${values.date}'`);
    parseDate('date', values.date, AccountZone.UTC);
    return withStore(path, true, (store) => {
      io.out(formatDailyDigest(store.reports.dailyDigest(values.date)));
      return 0;
    });
  },
};

export const auditCommands: Command[] = [auditVerifyCommand, auditCheckpointCommand, auditRotateKeyCommand, auditExportCommand, auditDigestCommand];
