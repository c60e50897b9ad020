import { EmptyState } from '../../app/empty-state';

export function AlertsScreen() {
  return (
    <>
      <h1>Alerts</h1>
      <EmptyState title="No alerts">
        <p>
          Guardrail breaches, decisions waiting for your approval and changes the platform refused will be raised here, so
          you can approve, reject or adjust them.
        </p>
        <p>No agents run on this account yet, so nothing needs your attention.</p>
      </EmptyState>
    </>
  );
}
