import { mayStore, StorageNotice } from './storage-notice';
import { usePicked } from './use-picked';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { GoogleClientStatus, GoogleSignIn } from '@shared/ipc/channels/google-connect';
import type { ResponseOf } from '@shared/ipc/contract';
import { useAcm } from '@renderer/ipc/acm-context';
import { invalidateChannels } from '@renderer/ipc/invalidate';
import { GoogleClientForm, type GoogleClientInput } from './google-client-form';
import { accessLevelLabel, dashed } from './google-connect-form';
import { GoogleCustomerList } from './google-customer-list';
import { connectLabel } from './meta-connect-form';
import { useOpenWorkspace, useWorkspaceList } from './use-workspaces';

type Outcome = ResponseOf<'workspaces.connectGoogle'>;
type Started = ResponseOf<'workspaces.startGoogleSignIn'>;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * "Connect Google Ads account": the operator's own OAuth client once per app, then "Sign in with
 * Google" in the system browser, then each customer picked becomes a workspace of its own. The
 * refresh token never reaches this page: the host holds it between the sign-in and the pick. In
 * the app the host opens the consent page in the system browser; under `acm serve` it cannot
 * reach the operator's browser, so it hands the address back and this page opens it.
 */
export function GoogleConnectDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const { connection } = useAcm();
  const queryClient = useQueryClient();
  const open = useOpenWorkspace();
  const list = useWorkspaceList();
  const [status, setStatus] = useState<GoogleClientStatus | null>(null);
  const [editing, setEditing] = useState(false);
  const [waiting, setWaiting] = useState<Started | null>(null);
  const [found, setFound] = useState<GoogleSignIn | null>(null);
  const { picked, toggle, clear: clearPicked } = usePicked();
  const [storeAnyway, setStoreAnyway] = useState(false);
  const [busy, setBusy] = useState<'saving' | 'signing-in' | 'connecting' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  /** The host's sign-in still open, to end when the dialog goes. */
  const pending = useRef<string | undefined>(undefined);
  const client = connection.clientFor(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    client['workspaces.googleClient']().then(setStatus, (failure: unknown) => setError(messageOf(failure)));
  }, [client]);

  const close = () => dialog.current?.close();
  const workspaceName = (id: number) => list.data?.find((w) => w.id === id)?.name;
  const customerName = (id: string) => found?.customers.find((c) => c.id === id)?.name ?? dashed(id);

  function endSignIn() {
    const signInId = pending.current;
    pending.current = undefined;
    if (signInId !== undefined) void client['workspaces.cancelGoogleSignIn']({ signInId }).catch(() => undefined);
  }

  async function saveClient(input: GoogleClientInput) {
    setBusy('saving');
    setError(null);
    try {
      setStatus(await client['workspaces.saveGoogleClient'](input));
      setEditing(false);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(null);
    }
  }

  async function signIn() {
    setBusy('signing-in');
    setError(null);
    setFound(null);
    try {
      const started = await client['workspaces.startGoogleSignIn']();
      pending.current = started.signInId;
      setWaiting(started);
      if (!started.openedByHost) window.open(started.consentUrl, '_blank', 'noopener,noreferrer');
      const signedIn = await client['workspaces.finishGoogleSignIn']({ signInId: started.signInId });
      setFound(signedIn);
      clearPicked();
      setStoreAnyway(false);
    } catch (failure) {
      pending.current = undefined;
      setError(messageOf(failure));
    } finally {
      setWaiting(null);
      setBusy(null);
    }
  }

  async function connect(event: FormEvent) {
    event.preventDefault();
    if (!found) return;
    setBusy('connecting');
    setError(null);
    try {
      const answer = await client['workspaces.connectGoogle']({
        signInId: found.signInId,
        customerIds: found.customers.filter((c) => picked.has(c.id)).map((c) => c.id),
        storeUnprotected: storeAnyway,
      });
      if (answer.workspaces.length > 0) pending.current = undefined;
      await invalidateChannels(queryClient, ['workspaces.']);
      if (answer.workspaces.length > 0) await open.mutateAsync(answer.workspaces[0].id);
      if (answer.failed.length === 0) close();
      else setOutcome(answer);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(null);
    }
  }

  const errorText = error && (
    <p role="alert" className="error">
      {error}
    </p>
  );
  const cancel = (
    <button type="button" onClick={close}>
      {outcome ? 'Close' : 'Cancel'}
    </button>
  );

  let body;
  if (outcome) {
    body = (
      <section aria-label="Connection results">
        {outcome.workspaces.length > 0 && <p>Connected, each in a workspace of its own: {outcome.workspaces.map((w) => w.name).join(', ')}.</p>}
        <p role="alert" className="error">
          Not connected:
        </p>
        <ul className="connect-failures">
          {outcome.failed.map((f) => (
            <li key={f.customerId}>
              {customerName(f.customerId)} ({dashed(f.customerId)}): {f.message}
            </li>
          ))}
        </ul>
        <div className="controls">{cancel}</div>
      </section>
    );
  } else if (!status) {
    body = errorText ?? <p className="muted">Loading…</p>;
  } else if (!status.configured || editing) {
    body = (
      <>
        {errorText}
        <GoogleClientForm
          status={status}
          busy={busy === 'saving'}
          onSave={(input) => void saveClient(input)}
          onCancel={editing ? () => setEditing(false) : undefined}
        />
        {!editing && <div className="controls">{cancel}</div>}
      </>
    );
  } else if (!found) {
    body = (
      <section aria-label="Sign in with Google">
        {errorText}
        <p className="muted small">
          OAuth client {status.clientId} · {status.developerToken ? 'developer token set' : 'no developer token'} · {accessLevelLabel(status.accessLevel)}{' '}
          <button type="button" className="link" disabled={busy !== null} onClick={() => setEditing(true)}>
            Change
          </button>
        </p>
        {waiting ? (
          <div role="status">
            <p>Finish the sign-in in your browser: choose the Google user who has access to your clients&apos; Google Ads accounts, and allow Google Ads.</p>
            <p className="muted small">
              The page did not open?{' '}
              <a href={waiting.consentUrl} target="_blank" rel="noopener noreferrer">
                Open Google&apos;s sign-in page
              </a>
            </p>
          </div>
        ) : (
          <p className="muted small">Google&apos;s sign-in page opens in your browser; the app never sees your password.</p>
        )}
        <div className="controls">
          {waiting ? (
            <button type="button" onClick={endSignIn}>
              Stop waiting
            </button>
          ) : (
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void signIn()}>
              Sign in with Google
            </button>
          )}
          {cancel}
        </div>
      </section>
    );
  } else {
    const { storage } = found;
    body = (
      <form onSubmit={connect} noValidate>
        {errorText}
        <GoogleCustomerList customers={found.customers} more={found.more} picked={picked} workspaceName={workspaceName} onToggle={toggle} />
        <StorageNotice
          storage={storage}
          thing={{ what: 'the sign-in', kept: 'The sign-in', anyway: 'Store the sign-in anyway' }}
          anyway={storeAnyway}
          onAnyway={setStoreAnyway}
        />
        <div className="controls">
          <button type="submit" className="primary" disabled={busy !== null || picked.size === 0 || !mayStore(storage, storeAnyway)}>
            {busy === 'connecting' ? 'Connecting…' : connectLabel(picked.size)}
          </button>
          {cancel}
        </div>
      </form>
    );
  }

  return (
    <dialog
      ref={dialog}
      className="meta-connect"
      aria-labelledby={`${ids}-title`}
      onClose={() => {
        endSignIn();
        onClose();
      }}
    >
      <h2 id={`${ids}-title`}>Connect Google Ads account</h2>
      {body}
    </dialog>
  );
}
