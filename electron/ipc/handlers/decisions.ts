import type { Decision } from '@shared/domain/decision';
import type { DecisionFilterView } from '@shared/ipc/channels/decisions';
import type { Handlers } from '@shared/ipc/contract';
import { OPERATOR, type Services } from '../services';
import type { DecisionCursor, DecisionFilter } from '@shared/domain/decision-log';
import { AcmError } from '@shared/errors';
import { chainOf } from './decision-chain';

type DecisionChannel =
  | 'decisions.page'
  | 'decisions.count'
  | 'decisions.get'
  | 'decisions.approve'
  | 'decisions.reject'
  | 'decisions.undo'
  | 'decisions.export'
  | 'decisions.showExported';

/** Most rows one text-filtered request reads before it answers with what it found and a cursor to go on from. */
export const TEXT_SCAN_ROWS = 5000;

export function storeFilter(filter: DecisionFilterView): DecisionFilter {
  const { text: _text, ...rest } = filter;
  return rest;
}

const words = (text: string | undefined): string[] => (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);

export const decisionHandlers = (services: Services): Pick<Handlers, DecisionChannel> => {
  const { records, runtime } = services;

  function mustGet(id: string): Decision {
    const decision = records.decisions.get(id);
    if (!decision) throw new AcmError('NOT_FOUND', `no decision with id ${id}`);
    return decision;
  }

  /** The alerts about a decision a person has now answered. */
  function resolveAlerts(decisionId: string): void {
    for (const alert of records.alerts.forDecision(decisionId)) if (alert.state !== 'resolved') records.alerts.resolve(alert.id);
  }

  return {
    'decisions.page': ({ filter, cursor, offset, limit }) => {
      const wanted = words(filter.text);
      if (offset !== undefined) return records.decisions.page(storeFilter(filter), records.reports.cursorAtOffset(storeFilter(filter), offset), limit);
      if (wanted.length === 0) return records.decisions.page(storeFilter(filter), cursor, limit);
      const items: Decision[] = [];
      let next: DecisionCursor | undefined = cursor;
      let scanned = 0;
      while (items.length < limit && scanned < TEXT_SCAN_ROWS) {
        const page = records.decisions.page(storeFilter(filter), next, 500);
        let i = 0;
        for (; i < page.items.length && items.length < limit; i++) {
          const reasoning = page.items[i].reasoning.toLowerCase();
          if (wanted.every((w) => reasoning.includes(w))) items.push(page.items[i]);
        }
        scanned += i;
        if (i < page.items.length) {
          // Stopped inside the page: the next request starts right after the last row read.
          next = { createdAt: page.items[i - 1].createdAt, id: page.items[i - 1].id };
          break;
        }
        next = page.next;
        if (!next) break;
      }
      return next ? { items, next } : { items };
    },
    'decisions.count': ({ filter }) => ({ count: records.reports.countDecisions(storeFilter(filter)) }),
    'decisions.get': ({ id }) => {
      const decision = mustGet(id);
      const outcome = records.reports.outcomeOf(id);
      return { decision, outcome, related: records.reports.relatedOf(decision), chain: chainOf(decision, records.alerts.forDecision(id), outcome) };
    },
    'decisions.approve': async ({ id }) => {
      await runtime.approve(id, OPERATOR);
      resolveAlerts(id);
      return mustGet(id);
    },
    'decisions.reject': ({ id }) => {
      runtime.reject(id, OPERATOR);
      resolveAlerts(id);
      return mustGet(id);
    },
    'decisions.undo': async ({ id, overrideLimits }) => {
      const outcome = await runtime.undo(id, OPERATOR, { overrideLimits });
      return mustGet(outcome.decisionId);
    },
    // Verified, signed and named before the host asks where to put it: a refusal comes before any dialog.
    'decisions.export': ({ format, filter }) => services.exportDestination.deliver(services.exporter.prepare(format, filter)),
    'decisions.showExported': async ({ path }) => {
      await services.exportDestination.reveal(path);
      return {};
    },
  };
};
