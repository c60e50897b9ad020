import { useEffect, useState } from 'react';
import { parseDeepLink, type LinkTarget } from '@shared/notify/deep-link';
import { useAuditStore } from '@renderer/features/audit/audit-store';
import { useOpenWorkspace } from '@renderer/features/workspaces/use-workspaces';
import { useAcm } from '@renderer/ipc/acm-context';
import { hrefOf, type RouteId } from './routes';

/** Where an item of a link is dealt with: an alert in Alerts, a decision (and the digest) in the Audit trail, the agents in Agents. */
export function placeOfLink(target: LinkTarget): { route: RouteId; element?: string; decision?: string } {
  if ('alert' in target) return { route: 'alerts', element: `alert-${target.alert}` };
  if ('decision' in target) return { route: 'audit', decision: target.decision };
  if ('digest' in target) return { route: 'audit' };
  return { route: 'agents' };
}

/**
 * Opens what an `acm://` link from Slack or e-mail names: its workspace, then the screen and the
 * item. The link is read again here, whatever the main process checked. Returns why the last
 * link could not be opened (a workspace since deleted), for the window to say.
 */
export function useDeepLinks(): Error | null {
  const { connection } = useAcm();
  const { mutateAsync: openWorkspace } = useOpenWorkspace();
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    if (!connection.onOpenLink) return;
    return connection.onOpenLink((url) => {
      let place: ReturnType<typeof placeOfLink>;
      let workspaceId: number;
      try {
        const link = parseDeepLink(url);
        place = placeOfLink(link.target);
        workspaceId = link.workspaceId;
      } catch (refused) {
        console.warn(`[acm] ${(refused as Error).message}`);
        return;
      }
      // Awaited, not given to mutate(): the screens are redrawn for the workspace opened (as "All clients" does).
      openWorkspace(workspaceId).then(
        () => {
          setError(null);
          // After the switch, which clears the audit trail's selection of the workspace left.
          if (place.decision) useAuditStore.getState().select(place.decision);
          window.location.hash = hrefOf(place.route, place.element);
        },
        (failure: Error) => setError(failure),
      );
    });
  }, [connection, openWorkspace]);

  return error;
}
