import { useMemo } from 'react';
import { useAcmQuery } from '../ipc/use-acm-query';

/** Names of agents and campaigns by id, and the account's currency and time zone, for screens that show decisions. */
export function useNames() {
  const agents = useAcmQuery('agents.list');
  const campaigns = useAcmQuery('campaigns.list');
  const info = useAcmQuery('app.info');
  return useMemo(
    () => ({
      agent: (id: string) => agents.data?.find((a) => a.id === id)?.name ?? id,
      campaign: (id: string) => campaigns.data?.find((c) => c.id === id)?.name ?? id,
      currency: info.data?.account.currency ?? 'USD',
      /** IANA zone every time and day of the workspace is shown in; undefined until the account is known, so no other clock stands in. */
      timezone: info.data?.account.timezone,
      agents: agents.data ?? [],
      campaigns: campaigns.data ?? [],
    }),
    [agents.data, campaigns.data, info.data],
  );
}
