import type { Handlers } from '../../../shared/ipc/contract';
import type { Services } from '../../host/services';
import { formatDailyDigest } from '../../store';
import { HandlerError } from '../handler-error';

type AuditChannel = 'audit.digest' | 'audit.dailyDigest' | 'decisions.outcomeStats';

/** The audit trail's reports: the chain's signed head, the day's review, and how the predictions held. */
export const auditHandlers = (services: Services): Pick<Handlers, AuditChannel> => {
  const { store } = services;
  return {
    'audit.digest': () => store.audit.digestIfAny() ?? null,
    'audit.dailyDigest': ({ date }) => {
      const digest = store.reports.dailyDigest(date === undefined ? undefined : Date.parse(`${date}T00:00:00Z`));
      return { digest, text: formatDailyDigest(digest) };
    },
    'decisions.outcomeStats': ({ agentId, from, to, bucket }) => {
      if (agentId !== undefined && !store.agents.get(agentId)) throw new HandlerError('NOT_FOUND', `no agent with id ${agentId}`);
      return store.reports.outcomeStats({ agentId, from, to, bucket });
    },
  };
};
