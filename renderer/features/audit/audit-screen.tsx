import { EmptyState } from '../../app/empty-state';

export function AuditScreen() {
  return (
    <>
      <h1>Audit trail</h1>
      <EmptyState title="No audit entries yet">
        <p>
          Every decision agents propose, execute, hand to a person or are blocked from making will be listed here, from the
          append-only, hash-chained log that <code>acm audit verify</code> checks for tampering.
        </p>
        <p>Entries appear once agents run on this account.</p>
      </EmptyState>
    </>
  );
}
