import { hash } from 'node:crypto';
import type { AuditEntry } from '@shared/domain/audit';

/**
 * An entry's hash: sha256 over its position, time, kind, subjects and previous hash (as a JSON
 * array, so no separator inside an id can make two entries hash alike), a newline, then the
 * content text exactly as stored. Covering `seq` makes a moved entry as visible as an edited one.
 * A bound row's table and hash join the array only when present, so entries written before rows
 * were bound keep the hashes they were chained with.
 */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const fields: unknown[] = [entry.seq, entry.at, entry.kind, entry.subject, entry.agentId, entry.campaignId, entry.decisionId, entry.prevHash];
  if (entry.rowTable || entry.rowHash) fields.push(entry.rowTable, entry.rowHash);
  return hash('sha256', `${JSON.stringify(fields)}\n${entry.content}`, 'hex');
}
