import { mayStore, StorageNotice } from './storage-notice';
import { useId, useState, type FormEvent } from 'react';
import type { GoogleClientStatus } from '@shared/ipc/channels/google-connect';
import { ACCESS_LEVEL_CHOICES, type AccessLevelChoice } from './google-connect-form';

export interface GoogleClientInput {
  clientId: string;
  clientSecret: string;
  developerToken?: string;
  accessLevel: AccessLevelChoice;
  storeUnprotected: boolean;
}

/**
 * The operator's own OAuth client, given once per app: its id, the secret Google issues to a
 * "Desktop app" client, and the developer token with its access level. The secrets live in this
 * form's state until they are saved, and are never shown back: a saved client says only that it has them.
 */
export function GoogleClientForm({
  status,
  busy,
  onSave,
  onCancel,
}: {
  status: GoogleClientStatus;
  busy: boolean;
  onSave: (input: GoogleClientInput) => void;
  onCancel?: () => void;
}) {
  const ids = useId();
  const [clientId, setClientId] = useState(status.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [developerToken, setDeveloperToken] = useState('');
  const [accessLevel, setAccessLevel] = useState<AccessLevelChoice>(status.accessLevel);
  const [storeAnyway, setStoreAnyway] = useState(false);
  const { storage } = status;

  function save(event: FormEvent) {
    event.preventDefault();
    const token = developerToken.trim();
    onSave({ clientId: clientId.trim(), clientSecret, ...(token !== '' && { developerToken: token }), accessLevel, storeUnprotected: storeAnyway });
  }

  return (
    <form onSubmit={save} noValidate aria-label="Your Google OAuth client">
      <p className="muted small">
        In your Google Cloud project: enable the Google Ads API, then APIs &amp; Services → Credentials → Create OAuth client ID of type “Desktop app”.
      </p>
      {status.from !== undefined && status.from.startsWith('the environment') && <p className="severity-warning">Read from {status.from}.</p>}
      <div className="field">
        <label htmlFor={`${ids}-id`}>OAuth client ID</label>
        <input id={`${ids}-id`} value={clientId} autoComplete="off" spellCheck={false} onChange={(event) => setClientId(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-secret`}>Client secret</label>
        <input
          id={`${ids}-secret`}
          type="password"
          value={clientSecret}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setClientSecret(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-token`}>Developer token</label>
        <input
          id={`${ids}-token`}
          type="password"
          value={developerToken}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${ids}-token-hint`}
          onChange={(event) => setDeveloperToken(event.target.value)}
        />
        <span id={`${ids}-token-hint`} className="muted small">
          Your manager account&apos;s, from Google Ads → Tools → API Center. Google refuses API calls without one.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-level`}>Access level</label>
        <select id={`${ids}-level`} value={accessLevel} onChange={(event) => setAccessLevel(event.target.value as AccessLevelChoice)}>
          {ACCESS_LEVEL_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <StorageNotice
        storage={storage}
        thing={{ what: 'the client secret', kept: 'The secret and the developer token', anyway: 'Store them anyway' }}
        anyway={storeAnyway}
        onAnyway={setStoreAnyway}
      />
      <div className="controls">
        <button type="submit" className="primary" disabled={busy || clientId.trim() === '' || clientSecret.trim() === '' || !mayStore(storage, storeAnyway)}>
          {busy ? 'Saving…' : 'Save client'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={busy}>
            Keep the saved client
          </button>
        )}
      </div>
    </form>
  );
}
