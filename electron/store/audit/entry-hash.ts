import { hash } from 'node:crypto';
import type { AuditEntry } from '../../../shared/domain/audit';

/**
 * An entry's hash: sha256 over its position, time, kind, subjects and previous hash (as a JSON
 * array, so no separator inside an id can make two entries hash alike), a newline, then the
 * content text exactly as stored. Covering `seq` makes a moved entry as visible as an edited one.
 */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const envelope = JSON.stringify([entry.seq, entry.at, entry.kind, entry.subject, entry.agentId, entry.campaignId, entry.decisionId, entry.prevHash]);
  return hash('sha256', `${envelope}\n${entry.content}`, 'hex');
}
