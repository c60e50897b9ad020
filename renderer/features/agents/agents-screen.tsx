import { EmptyState } from '../../app/empty-state';
import { hrefOf } from '../../app/routes';

export function AgentsScreen() {
  return (
    <>
      <h1>Agents</h1>
      <EmptyState title="No agents yet">
        <p>
          Agents will be created and deployed here: each one gets campaigns to manage, goals such as a minimum ROAS or a
          maximum CPA, and guardrails it must stay within.
        </p>
        <p>
          Creating agents from this screen is not available yet. Meanwhile, the <a href={hrefOf('monitor')}>Monitor</a> shows
          the account's campaigns.
        </p>
      </EmptyState>
    </>
  );
}
