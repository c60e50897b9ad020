import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Who this file's records belong to: one client of the agency. Every workspace is one
 * database file with its own agents, pools, alerts and audit chain, so that nothing spans two
 * clients and a client's audit trail can be handed over (and verified) alone.
 */
export const workspaceProfile = sqliteTable(
  'workspace_profile',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    /** ISO 4217: what the workspace reports in before an account says otherwise. */
    currency: text('currency').notNull(),
    /** IANA zone of the client's days, the zone of its first account. */
    timezone: text('timezone').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [check('workspace_profile_single', sql`${t.id} = 1`)],
);

/**
 * The workspaces of the app, kept in the home database (the file given with --db, or the app's
 * own): each one's file relative to the home file's folder, '' for the home file itself.
 */
export const workspaces = sqliteTable(
  'workspaces',
  {
    id: integer('id').primaryKey(),
    file: text('file').notNull(),
    createdAt: integer('created_at').notNull(),
    openedAt: integer('opened_at'),
  },
  (t) => [uniqueIndex('workspaces_file').on(t.file)],
);

/** The ad accounts of a workspace: one platform connection each, with the account's own zone and currency. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    currency: text('currency').notNull(),
    timezone: text('timezone').notNull(),
    createdAt: integer('created_at').notNull(),
    /** The platform's action type that counts as a conversion (Meta: "purchase" unless the operator chose another); null where the platform has one meaning. */
    conversionAction: text('conversion_action'),
  },
  (t) => [uniqueIndex('accounts_platform_external').on(t.platform, t.externalId)],
);

/**
 * A sandbox account's world as it stood after its last change or hour: the scenario it plays
 * and the state to continue from, so that a restart changes nothing a platform would not.
 */
export const sandboxState = sqliteTable('sandbox_state', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id),
  scenario: text('scenario').notNull(),
  state: text('state').notNull(),
  savedAt: integer('saved_at').notNull(),
});
