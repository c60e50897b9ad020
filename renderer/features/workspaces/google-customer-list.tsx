import { useId } from 'react';
import type { GoogleCustomer } from '@shared/ipc/channels/google-connect';
import { moreText } from './meta-connect-form';
import { customerDetails, whyNotPickable } from './google-connect-form';
import { reconnectNote } from './connected-account';

/**
 * The Google Ads customers the sign-in reaches, each a checkbox: a manager account's clients
 * follow it, reached through it. A manager itself, a customer already in a workspace or one the
 * app cannot keep says why and cannot be picked; one whose workspace needs reconnecting can, to
 * sign that workspace in again.
 */
export function GoogleCustomerList({
  customers,
  more,
  picked,
  workspaceName,
  onToggle,
}: {
  customers: readonly GoogleCustomer[];
  more: number;
  picked: ReadonlySet<string>;
  workspaceName: (id: number) => string | undefined;
  onToggle: (customerId: string, on: boolean) => void;
}) {
  const ids = useId();
  const extra = moreText(more);
  return (
    <fieldset className="meta-accounts">
      <legend>Google Ads accounts</legend>
      {customers.length === 0 && (
        <p className="muted">This Google user reaches no Google Ads account: sign in with a user who has access to your clients&apos; accounts.</p>
      )}
      <ul>
        {customers.map((customer) => {
          const reason = whyNotPickable(customer, workspaceName);
          const note = reconnectNote(customer, workspaceName);
          const id = `${ids}-${customer.id}`;
          return (
            <li key={`${customer.loginCustomerId ?? ''}-${customer.id}`} className={reason ? 'unavailable' : undefined}>
              <input
                id={id}
                type="checkbox"
                checked={picked.has(customer.id)}
                disabled={reason !== undefined}
                aria-describedby={`${id}-details`}
                onChange={(event) => onToggle(customer.id, event.target.checked)}
              />
              <label htmlFor={id}>{customer.name}</label>{' '}
              <span id={`${id}-details`} className="muted small">
                {customerDetails(customer)}
                {reason && <span className="account-problem"> · {reason}</span>}
                {note && <span> · {note}</span>}
              </span>
            </li>
          );
        })}
      </ul>
      {extra && <p className="muted small">{extra} (not listed)</p>}
    </fieldset>
  );
}
