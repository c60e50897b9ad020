import type { Handlers } from '@shared/ipc/contract';
import type { Services } from '../services';
import { AcmError } from '@shared/errors';

type AuditChannel = 'audit.digest' | 'audit.dailyDigest' | 'decisions.outcomeStats';

/** The audit trail's reports: the chain's signed head, the day's review, and how the predictions held. */
export const auditHandlers = (services: Services): Pick<Handlers, AuditChannel> => {
  const { records } = services;
  return {
    'audit.digest': () => records.audit.digestIfAny() ?? null,
    'audit.dailyDigest': ({ date }) => records.reports.dailyDigest(date),
    'decisions.outcomeStats': ({ agentId, from, to, bucket }) => {
      if (agentId !== undefined && !records.agents.get(agentId)) throw new AcmError('NOT_FOUND', `no agent with id ${agentId}`);
      return records.reports.outcomeStats({ agentId, from, to, bucket });
    },
  };
};
