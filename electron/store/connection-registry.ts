import type Database from 'better-sqlite3';
import type { Store } from './connection';

/** Each open store's raw connection: filled as a store opens, read only by store/testing.ts. */
export const connections = new WeakMap<Store, Database.Database>();
