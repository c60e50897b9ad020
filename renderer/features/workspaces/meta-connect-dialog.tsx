import { mayStore, StorageNotice } from './storage-notice';
import { usePicked } from './use-picked';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { MetaTokenCheck } from '@shared/ipc/channels/meta-connect';
import type { ResponseOf } from '@shared/ipc/contract';
import { useAcm } from '@renderer/ipc/acm-context';
import { invalidateChannels } from '@renderer/ipc/invalidate';
import { ConversionActionPicker, MetaAccountList, TokenOwner } from './meta-account-picker';
import { DEFAULT_ACTION, connectLabel, conversionActionOf } from './meta-connect-form';
import { useOpenWorkspace, useWorkspaceList } from './use-workspaces';

type Outcome = ResponseOf<'workspaces.connectMeta'>;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * "Connect Meta account": a System User token is checked with Meta (whose it is, what it may do,
 * the ad accounts it reaches), then each account picked becomes a workspace of its own. The token
 * lives in this component's state only, so it goes when the dialog does: the calls that carry it
 * are made directly, not through react-query, whose cache would keep a mutation's variables.
 */
export function MetaConnectDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const { connection } = useAcm();
  const queryClient = useQueryClient();
  const open = useOpenWorkspace();
  const list = useWorkspaceList();
  const [token, setToken] = useState('');
  const [check, setCheck] = useState<MetaTokenCheck | null>(null);
  const { picked, toggle, clear: clearPicked } = usePicked();
  const [choice, setChoice] = useState(DEFAULT_ACTION);
  const [typed, setTyped] = useState('');
  const [actionProblem, setActionProblem] = useState<string>();
  const [storeAnyway, setStoreAnyway] = useState(false);
  const [busy, setBusy] = useState<'checking' | 'connecting' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const client = connection.clientFor(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const close = () => dialog.current?.close();
  const workspaceName = (id: number) => list.data?.find((w) => w.id === id)?.name;
  const accountName = (id: string) => check?.accounts.find((a) => a.id === id)?.name ?? id;

  async function checkToken(event: FormEvent) {
    event.preventDefault();
    setBusy('checking');
    setError(null);
    try {
      const found = await client['workspaces.checkMetaToken']({ token });
      setCheck(found);
      clearPicked();
      setStoreAnyway(false);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(null);
    }
  }

  async function connect(event: FormEvent) {
    event.preventDefault();
    if (!check) return;
    const action = conversionActionOf(choice, typed);
    if ('problem' in action) return setActionProblem(action.problem);
    setBusy('connecting');
    setError(null);
    try {
      const answer = await client['workspaces.connectMeta']({
        token,
        accountIds: check.accounts.filter((a) => picked.has(a.id)).map((a) => a.id),
        conversionAction: action.action,
        storeUnprotected: storeAnyway,
      });
      // The host keeps the token now: the dialog has no more use for it.
      setToken('');
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

  return (
    <dialog ref={dialog} className="meta-connect" aria-labelledby={`${ids}-title`} onClose={onClose}>
      <h2 id={`${ids}-title`}>Connect Meta account</h2>
      {outcome ? (
        <section aria-label="Connection results">
          {outcome.workspaces.length > 0 && <p>Connected, each in a workspace of its own: {outcome.workspaces.map((w) => w.name).join(', ')}.</p>}
          <p role="alert" className="error">
            Not connected:
          </p>
          <ul className="connect-failures">
            {outcome.failed.map((f) => (
              <li key={f.accountId}>
                {accountName(f.accountId)} ({f.accountId}): {f.message}
              </li>
            ))}
          </ul>
          <div className="controls">{cancel}</div>
        </section>
      ) : !check ? (
        <form onSubmit={checkToken} noValidate>
          {errorText}
          <div className="field">
            <label htmlFor={`${ids}-token`}>System User access token</label>
            <input
              id={`${ids}-token`}
              type="password"
              value={token}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={`${ids}-hint`}
              onChange={(event) => setToken(event.target.value)}
            />
            <span id={`${ids}-hint`} className="muted small">
              Business Settings → System users → Generate token, with ads_management for agents to act, or ads_read for recommendations only.
            </span>
          </div>
          <div className="controls">
            <button type="submit" className="primary" disabled={busy !== null || token.trim() === ''}>
              {busy === 'checking' ? 'Checking…' : 'Check token'}
            </button>
            {cancel}
          </div>
        </form>
      ) : (
        <form onSubmit={connect} noValidate>
          {errorText}
          <TokenOwner check={check} />
          <MetaAccountList accounts={check.accounts} more={check.more} picked={picked} workspaceName={workspaceName} onToggle={toggle} />
          <ConversionActionPicker
            choice={choice}
            typed={typed}
            problem={actionProblem}
            onChoose={(next) => {
              setChoice(next);
              setActionProblem(undefined);
            }}
            onType={(next) => {
              setTyped(next);
              setActionProblem(undefined);
            }}
          />
          <StorageNotice
            storage={check.storage}
            thing={{ what: 'the token', kept: 'The token', anyway: 'Store the token anyway' }}
            anyway={storeAnyway}
            onAnyway={setStoreAnyway}
          />
          <div className="controls">
            <button type="submit" className="primary" disabled={busy !== null || picked.size === 0 || !mayStore(check.storage, storeAnyway)}>
              {busy === 'connecting' ? 'Connecting…' : connectLabel(picked.size)}
            </button>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => {
                setCheck(null);
                setError(null);
              }}
            >
              Use another token
            </button>
            {cancel}
          </div>
        </form>
      )}
    </dialog>
  );
}
