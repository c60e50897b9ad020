import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ratio, type Benchmark } from './harness';

const ROWS = 100_000;

/** A row shaped like an hourly metric: what the store writes most. */
const rows = sqliteTable('bench_rows', {
  id: integer('id').primaryKey(),
  campaignId: text('campaign_id').notNull(),
  hour: integer('hour').notNull(),
  spend: real('spend').notNull(),
  conversions: real('conversions').notNull(),
});

function fresh(): Database.Database {
  const sqlite = new Database(':memory:');
  sqlite.exec(
    'CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, campaign_id TEXT NOT NULL, hour INTEGER NOT NULL, spend REAL NOT NULL, conversions REAL NOT NULL)',
  );
  return sqlite;
}

/** What the store's design rests on: drizzle's builder per row, drizzle prepared, raw prepared. */
export const storeBenchmark: Benchmark = {
  name: 'store',
  async run() {
    const raw = () => {
      const sqlite = fresh();
      const insert = sqlite.prepare('INSERT INTO bench_rows (id, campaign_id, hour, spend, conversions) VALUES (?, ?, ?, ?, ?)');
      sqlite.transaction(() => {
        for (let i = 0; i < ROWS; i++) insert.run(i, 'c1', i, 1.5, 0.25);
      })();
      sqlite.close();
    };
    const builder = () => {
      const sqlite = fresh();
      const db = drizzle(sqlite);
      sqlite.transaction(() => {
        for (let i = 0; i < ROWS; i++) db.insert(rows).values({ id: i, campaignId: 'c1', hour: i, spend: 1.5, conversions: 0.25 }).run();
      })();
      sqlite.close();
    };
    const prepared = () => {
      const sqlite = fresh();
      const db = drizzle(sqlite);
      const placeholder = sql.placeholder;
      const insert = db
        .insert(rows)
        .values({
          id: placeholder('id'),
          campaignId: placeholder('campaignId'),
          hour: placeholder('hour'),
          spend: placeholder('spend'),
          conversions: placeholder('conversions'),
        })
        .prepare();
      sqlite.transaction(() => {
        for (let i = 0; i < ROWS; i++) insert.run({ id: i, campaignId: 'c1', hour: i, spend: 1.5, conversions: 0.25 });
      })();
      sqlite.close();
    };
    return [
      { name: `drizzle query builder, ${ROWS.toLocaleString('en-US')} inserts vs raw prepared statement`, value: await ratio(builder, raw, 3), kind: 'ratio' },
      { name: `drizzle prepared with placeholders vs raw prepared statement`, value: await ratio(prepared, raw, 3), kind: 'ratio' },
    ];
  },
};
