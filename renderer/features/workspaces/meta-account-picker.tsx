import { useId } from 'react';
import type { MetaAdAccount, MetaTokenCheck } from '@shared/ipc/channels/meta-connect';
import { ACTION_CHOICES, OTHER_ACTION, moreText, permissionBadges, whyNotPickable } from './meta-connect-form';
import { reconnectNote } from './connected-account';

/** Whose the token is and what it may do: the user's name and a badge per power. */
export function TokenOwner({ check }: { check: MetaTokenCheck }) {
  return (
    <p className="token-owner">
      Token of <strong>{check.user.name}</strong>{' '}
      {permissionBadges(check.permissions).map((badge) => (
        <span key={badge.label} className={`pill permission-${badge.tone}`} title={badge.title}>
          {badge.label}
        </span>
      ))}
    </p>
  );
}

/**
 * The ad accounts the token reaches, each a checkbox: name, id, currency, zone and status. One
 * already connected somewhere, or one the app cannot keep (an unknown currency or zone), says why
 * and cannot be picked; one whose workspace needs reconnecting can, to give it this token.
 */
export function MetaAccountList({
  accounts,
  more,
  picked,
  workspaceName,
  onToggle,
}: {
  accounts: readonly MetaAdAccount[];
  more: number;
  picked: ReadonlySet<string>;
  workspaceName: (id: number) => string | undefined;
  onToggle: (accountId: string, on: boolean) => void;
}) {
  const ids = useId();
  const extra = moreText(more);
  return (
    <fieldset className="meta-accounts">
      <legend>Ad accounts</legend>
      {accounts.length === 0 && <p className="muted">The token reaches no ad account: give its system user an ad account in Business Settings.</p>}
      <ul>
        {accounts.map((account) => {
          const reason = whyNotPickable(account, workspaceName);
          const note = reconnectNote(account, workspaceName);
          const id = `${ids}-${account.id}`;
          return (
            <li key={account.id} className={reason ? 'unavailable' : undefined}>
              <input
                id={id}
                type="checkbox"
                checked={picked.has(account.id)}
                disabled={reason !== undefined}
                aria-describedby={`${id}-details`}
                onChange={(event) => onToggle(account.id, event.target.checked)}
              />
              <label htmlFor={id}>{account.name}</label>{' '}
              <span id={`${id}-details`} className="muted small">
                {account.id} · {account.currency} · {account.timezone} · {account.status}
                {reason && <span className="account-problem"> · {reason}</span>}
                {note && <span> · {note}</span>}
              </span>
              {!account.canManage && !reason && (
                <span className="pill" title="The token may only read this account: its agents recommend, a person makes the change in Ads Manager">
                  Recommend only
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {extra && <p className="muted small">{extra} (not listed)</p>}
    </fieldset>
  );
}

/** Meta's action type that counts as a conversion: a common one, or any other typed after "other…". */
export function ConversionActionPicker({
  choice,
  typed,
  problem,
  onChoose,
  onType,
}: {
  choice: string;
  typed: string;
  problem: string | undefined;
  onChoose: (choice: string) => void;
  onType: (typed: string) => void;
}) {
  const ids = useId();
  return (
    <div className={`field${problem ? ' invalid' : ''}`}>
      <label htmlFor={`${ids}-choice`}>Conversion action</label>
      <select id={`${ids}-choice`} value={choice} onChange={(event) => onChoose(event.target.value)}>
        {ACTION_CHOICES.map((action) => (
          <option key={action} value={action}>
            {action}
          </option>
        ))}
      </select>
      {choice === OTHER_ACTION && (
        <>
          <label htmlFor={`${ids}-typed`}>Action type</label>
          <input
            id={`${ids}-typed`}
            value={typed}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${ids}-problem` : undefined}
            onChange={(event) => onType(event.target.value)}
          />
        </>
      )}
      <span className="muted small">The action in Meta&apos;s actions and action values that agents count as a conversion, and its value as revenue.</span>
      {problem && (
        <span id={`${ids}-problem`} className="error small">
          {problem}
        </span>
      )}
    </div>
  );
}
