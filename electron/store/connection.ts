/**
 * Opening the database.
 *
 * Pragmas, set on EVERY connection because SQLite keeps only journal_mode in the file:
 * - busy_timeout=5000 first, so that even the version check waits for another writer (the
 *   desktop app and `acm` may share one file) instead of failing at once.
 * - journal_mode=WAL (files only): readers never block the writer nor it them.
 * - synchronous=FULL: a committed decision survives a power cut. A connection opening an
 *   existing WAL file would otherwise get NORMAL, which can lose the last commits; the
 *   write-ahead promise of the executor rests on this.
 * - foreign_keys=ON, but only after migrations: drizzle rebuilds a table by dropping it, and
 *   with foreign keys on that drop would cascade-delete the rows that point at it.
 *
 * Transaction boundaries:
 * - A database written by a newer build is refused before anything is written to it.
 * - Migrations run all together in one transaction (drizzle's migrator).
 * - Each repository method that writes several rows is one transaction; a caller that needs
 *   several calls to be atomic (e.g. settle a decision and raise its alert) wraps them in
 *   `store.immediate(fn)`, which takes the write lock at BEGIN so two processes cannot both
 *   read, then collide on the write. Repository transactions nested inside become savepoints.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAuditTrail, type AuditTrail } from './audit/audit-trail';
import { bindLegacyRows, ROWS_BOUND_FROM_VERSION } from './audit/bind-legacy-rows';
import { defaultKeyPath, fileVault, memoryVault, type KeyVault } from './audit/signing-key';
import { keepPrivate, SQLITE_COMPANIONS } from './private-files';
import { backupBeforeMigration } from './backup/before-migration';
import { acquireDatabaseLock, type DatabaseLock } from './backup/database-lock';
import { applyMigrations, pendingMigrations, readKnownMigrations } from './migrations';
import { createAccountRepository, type AccountRepository } from './repositories/accounts';
import { createAgentRepository, type AgentRepository } from './repositories/agents';
import { createAlertRepository, type AlertRepository } from './repositories/alerts';
import { createConflictRepository, type ConflictRepository } from './repositories/conflicts';
import { createDecisionRepository, type DecisionRepository } from './repositories/decisions';
import type { Handles } from './repositories/handles';
import { createHourlyMetricsRepository, type HourlyMetricsRepository } from './repositories/hourly-metrics';
import { createExperimentRepository, type ExperimentRepository } from './repositories/experiments';
import { createIdempotencyRepository, type IdempotencyRepository } from './repositories/idempotency';
import { createPlatformPauseRepository, type PlatformPauseRepository } from './repositories/platform-pauses';
import { createWorkspaceProfileRepository, type WorkspaceProfileRepository } from './repositories/workspace-profile';
import { createWorkspaceRegistry, type WorkspaceRegistry } from './repositories/workspace-registry';
import { createNotifyChannelRepository, type NotifyChannelRepository } from './repositories/notify-channels';
import { createNotifyOutboxRepository, type NotifyOutboxRepository } from './repositories/notify-outbox';
import { createLeaseRepository, type LeaseRepository } from './repositories/leases';
import { createOutcomeRepository, type OutcomeRepository } from './repositories/outcomes';
import { createSandboxStateRepository, type SandboxStateRepository } from './repositories/sandbox-state';
import { createSnapshotRepository, type SnapshotRepository } from './repositories/snapshots';
import { createStoreExports, createStoreReports, type StoreExports, type StoreReports } from './reports/store-reports';
import * as schema from './schema';
import { connections } from './connection-registry';

/**
 * The migrations shipped beside this module; the Electron build copies this folder and passes
 * its new place. (Not `new URL('./migrations', import.meta.url)`: bundlers rewrite that form.)
 */
export const DEFAULT_MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export const BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** A file path, or ':memory:'. */
  path: string;
  migrationsFolder?: string;
  /** A better_sqlite3.node built for another runtime (the Electron app's). */
  nativeBinding?: string;
  /** Reads only: the file must exist and already be at this build's schema version. */
  readonly?: boolean;
  /**
   * Where the Ed25519 key that signs audit checkpoints is kept, out of the database. Default: the
   * file `<path>.audit-key` (mode 0600); for ':memory:', a key held in memory. The app passes
   * the operating system's keychain.
   */
  keyVault?: KeyVault;
  /** Stamps audit entries and checkpoints; default the wall clock. */
  now?: () => number;
  /**
   * Holds `<path>.lock` while open (a host that runs agents on the file: the app, `acm serve`):
   * `acm db restore` then refuses to replace the file under it. Throws AcmError('CONFLICT')
   * naming the process when another running one holds it.
   */
  lock?: boolean;
}

export interface Store {
  readonly path: string;
  /** This build's schema version, which the database now has. */
  readonly schemaVersion: number;
  /** The copy taken before this opening migrated an existing file (`<path>.before-v<n>.bak`), if it did. */
  readonly backupBeforeMigration?: string;
  readonly agents: AgentRepository;
  readonly decisions: DecisionRepository;
  readonly outcomes: OutcomeRepository;
  readonly conflicts: ConflictRepository;
  readonly alerts: AlertRepository;
  readonly snapshots: SnapshotRepository;
  readonly metrics: HourlyMetricsRepository;
  /** The hash-chained log every repository above appends to, its checkpoints and its verification. */
  readonly audit: AuditTrail;
  readonly leases: LeaseRepository;
  /** Whose records these are: the workspace's name, currency and zone. */
  readonly profile: WorkspaceProfileRepository;
  /** The app's workspaces; read in the home database only. */
  readonly workspaces: WorkspaceRegistry;
  /** The workspace's ad accounts. */
  readonly accounts: AccountRepository;
  /** Sandbox accounts' worlds, saved as they go so that a restart continues them. */
  readonly sandboxState: SandboxStateRepository;
  /** Idempotency keys of changes sent to a platform that has none of its own (Meta), and their results. */
  readonly idempotency: IdempotencyRepository;
  /** Accounts whose platform refuses requests until a set time, with the agents paused for it. */
  readonly platformPauses: PlatformPauseRepository;
  /** Holdout experiments: their groups and dates, and which are running. */
  readonly experiments: ExperimentRepository;
  /** The workspace's Slack and e-mail channels (their secrets are in the credential vault, never here). */
  readonly notifyChannels: NotifyChannelRepository;
  /** Messages to those channels until they are delivered; an alert's are queued with it. */
  readonly outbox: NotifyOutboxRepository;
  /** Read-only reports beyond the repositories (counts, the day's review, outcome statistics). */
  readonly reports: StoreReports;
  /** The decision timeline as CSV and PDF files. */
  readonly exports: StoreExports;
  /** Runs `fn` in a BEGIN IMMEDIATE transaction: committed if it returns, rolled back if it throws. */
  immediate<T>(fn: () => T): T;
  close(): void;
}

export function openDatabase(options: OpenOptions): Store {
  const { path, readonly = false } = options;
  const folder = options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
  const known = readKnownMigrations(folder);
  const lock = options.lock && path !== ':memory:' ? acquireDatabaseLock(path) : undefined;
  let sqlite: Database.Database;
  try {
    if (!readonly && path !== ':memory:') keepPrivate(path);
    sqlite = new Database(path, { readonly, fileMustExist: readonly, nativeBinding: options.nativeBinding });
  } catch (e) {
    lock?.release();
    throw new Error(`cannot open database ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const pending = pendingMigrations(sqlite, path, known);
    if (readonly && pending.length > 0) {
      throw new Error(
        `${path} is at an older schema version (${known.length - pending.length}) than this build (${known.length}); open it once read-write to migrate it`,
      );
    }
    if (!readonly && !sqlite.memory) {
      sqlite.pragma('journal_mode = WAL');
      for (const companion of SQLITE_COMPANIONS) keepPrivate(`${path}${companion}`, { create: false });
    }
    sqlite.pragma('synchronous = FULL');
    const db = drizzle({ client: sqlite, schema });
    const versionBefore = known.length - pending.length;
    // An existing file is copied first: a migration is one way, and the build that wrote the file may be wanted back.
    const backup =
      !readonly && !sqlite.memory && versionBefore > 0 && pending.length > 0 ? backupBeforeMigration(sqlite, path, versionBefore, known.length) : undefined;
    if (!readonly) applyMigrations(sqlite, db, path, folder, known);
    sqlite.pragma('foreign_keys = ON');
    const vault = options.keyVault ?? (sqlite.memory ? memoryVault() : fileVault(defaultKeyPath(path)));
    const audit = createAuditTrail(sqlite, { now: options.now, vault });
    if (!readonly && versionBefore > 0 && versionBefore < ROWS_BOUND_FROM_VERSION) bindLegacyRows(sqlite, audit);
    return buildStore({ sqlite, db, audit }, { path, schemaVersion: known.length, backupBeforeMigration: backup, lock });
  } catch (e) {
    sqlite.close();
    lock?.release();
    throw e;
  }
}

interface StoreFacts {
  path: string;
  schemaVersion: number;
  backupBeforeMigration?: string;
  lock?: DatabaseLock;
}

function buildStore(handles: Handles & { audit: AuditTrail }, facts: StoreFacts): Store {
  const { sqlite, audit } = handles;
  const { path, schemaVersion, backupBeforeMigration: backup, lock } = facts;
  const decisions = createDecisionRepository(handles);
  const outbox = createNotifyOutboxRepository(handles);
  const store: Store = {
    path,
    schemaVersion,
    ...(backup ? { backupBeforeMigration: backup } : {}),
    audit,
    agents: createAgentRepository(handles),
    decisions,
    outcomes: createOutcomeRepository(handles),
    conflicts: createConflictRepository(handles),
    alerts: createAlertRepository(handles, outbox),
    snapshots: createSnapshotRepository(handles),
    metrics: createHourlyMetricsRepository(handles),
    leases: createLeaseRepository(handles),
    profile: createWorkspaceProfileRepository(handles),
    workspaces: createWorkspaceRegistry(handles),
    accounts: createAccountRepository(handles),
    sandboxState: createSandboxStateRepository(handles),
    idempotency: createIdempotencyRepository(handles),
    platformPauses: createPlatformPauseRepository(handles),
    experiments: createExperimentRepository(handles),
    notifyChannels: createNotifyChannelRepository(handles),
    outbox,
    reports: createStoreReports(handles, decisions),
    exports: createStoreExports(handles),
    immediate<T>(fn: () => T): T {
      return sqlite
        .transaction(() => {
          const result = fn();
          if (result instanceof Promise) {
            throw new TypeError('store.immediate() takes a synchronous function: a transaction cannot stay open across an await');
          }
          return result;
        })
        .immediate();
    },
    close() {
      sqlite.close();
      lock?.release();
    },
  };
  connections.set(store, sqlite);
  return store;
}
