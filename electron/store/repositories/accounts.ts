import { toJson } from '../json';
import type { Handles } from './handles';

/** An ad account of the workspace: one platform connection, with the account's own zone and currency. */
export interface AccountRecord {
  id: number;
  platform: string;
  /** The platform's id of the account. */
  externalId: string;
  name: string;
  currency: string;
  timezone: string;
  createdAt: number;
  /** The platform's action type counted as a conversion (Meta's "purchase" unless the operator chose another); null where the platform has one meaning. */
  conversionAction: string | null;
}

export interface AccountRepository {
  list(): AccountRecord[];
  find(platform: string, externalId: string): AccountRecord | undefined;
  /** Connects an account to the workspace, audited; a second connection of the same account is refused. */
  connect(account: Omit<AccountRecord, 'id' | 'conversionAction'> & { conversionAction?: string | null }): AccountRecord;
}

const COLUMNS = 'id, platform, external_id AS externalId, name, currency, timezone, created_at AS createdAt, conversion_action AS conversionAction';

export function createAccountRepository({ sqlite, audit }: Handles): AccountRepository {
  const all = sqlite.prepare(`SELECT ${COLUMNS} FROM accounts ORDER BY id`);
  const one = sqlite.prepare(`SELECT ${COLUMNS} FROM accounts WHERE platform = ? AND external_id = ?`);
  const insert = sqlite.prepare(
    'INSERT INTO accounts (platform, external_id, name, currency, timezone, created_at, conversion_action) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const find = (platform: string, externalId: string) => one.get(platform, externalId) as AccountRecord | undefined;
  return {
    list: () => all.all() as AccountRecord[],
    find,
    connect: (account) =>
      sqlite.transaction(() => {
        if (find(account.platform, account.externalId)) {
          throw new Error(`the ${account.platform} account ${account.externalId} is already connected to this workspace`);
        }
        const conversionAction = account.conversionAction ?? null;
        const { platform, externalId, name, currency, timezone, createdAt } = account;
        const { lastInsertRowid } = insert.run(platform, externalId, name, currency, timezone, createdAt, conversionAction);
        const record: AccountRecord = { id: Number(lastInsertRowid), ...account, conversionAction };
        audit.append({ kind: 'account.connected', subject: String(record.id), content: toJson(record, `account ${record.id}`) });
        return record;
      })(),
  };
}
