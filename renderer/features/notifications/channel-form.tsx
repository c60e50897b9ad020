import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ALERT_SEVERITIES } from '@shared/domain/alert';
import type { NotifyChannelKind } from '@shared/domain/notify';
import type { NotifyChannelView } from '@shared/ipc/channels/notifications';
import { useAcm } from '@renderer/ipc/acm-context';
import { IpcCallError } from '@renderer/ipc/client';
import { invalidateChannels } from '@renderer/ipc/invalidate';
import { draftOf, settingsOf, type ChannelDraft, type DraftProblem } from './channel-draft';
import { EmailFields } from './email-fields';
import { CheckBox, TextField } from './form-controls';

/**
 * Adds or edits a channel. The webhook URL or SMTP password is write-only: typed here, sent once
 * with the save, then forgotten; a stored one is never shown ("unchanged"). It is sent by a direct
 * call, not a react-query mutation, whose cache would keep the variables (as the Meta token is).
 */
export function ChannelForm({ kind, channel, zone, onDone }: { kind: NotifyChannelKind; channel?: NotifyChannelView; zone: string; onDone: () => void }) {
  const ids = useId();
  const { client, workspaceId } = useAcm();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ChannelDraft>(() => draftOf(kind, channel));
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (next: Partial<ChannelDraft>) => {
    setDraft((before) => ({ ...before, ...next }));
    setProblem(null);
  };
  const problemAt = (field: DraftProblem['field']) => (problem?.field === field ? problem.message : undefined);
  const title = `${channel ? 'Edit' : 'Add'} ${kind === 'slack' ? 'Slack' : 'e-mail'} channel`;

  async function save(event: FormEvent) {
    event.preventDefault();
    const checked = settingsOf(draft);
    if ('problem' in checked) return setProblem(checked.problem);
    const needsSecret = kind === 'slack' || checked.settings.email?.user !== '';
    if (!channel?.hasSecret && needsSecret && secret.trim() === '')
      return setProblem({ field: 'secret', message: kind === 'slack' ? 'Paste the incoming webhook URL.' : 'Give the password of the SMTP user.' });
    setBusy(true);
    setError(null);
    try {
      await client['notifications.saveChannel']({ id: channel?.id, settings: checked.settings, secret: secret.trim() === '' ? undefined : secret.trim() });
      setSecret('');
      await invalidateChannels(queryClient, ['notifications.'], workspaceId ?? undefined);
      onDone();
    } catch (failure) {
      if (failure instanceof IpcCallError && failure.path === 'secret') setProblem({ field: 'secret', message: failure.message });
      else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  const secretField = (
    <TextField
      label={kind === 'slack' ? 'Webhook URL' : 'Password'}
      type="password"
      value={secret}
      autoComplete="off"
      spellCheck={false}
      placeholder={channel?.hasSecret ? 'unchanged' : kind === 'slack' ? 'https://hooks.slack.com/services/…' : undefined}
      hint={
        kind === 'slack'
          ? 'Slack → Apps → Incoming Webhooks. Kept in the system keychain; never shown again.'
          : 'Kept in the system keychain; never shown again.'
      }
      problem={problemAt('secret')}
      onChange={(e) => {
        setSecret(e.target.value);
        setProblem(null);
      }}
    />
  );

  return (
    <form className="card channel-form" aria-labelledby={`${ids}-title`} onSubmit={save} noValidate>
      <h3 id={`${ids}-title`}>{title}</h3>
      {error && (
        <p role="alert" className="error">
          Could not save the channel: {error}
        </p>
      )}
      <TextField
        label="Name"
        value={draft.name}
        placeholder={kind === 'slack' ? '#ops' : 'On-call e-mail'}
        problem={problemAt('name')}
        onChange={(e) => change({ name: e.target.value })}
      />
      {kind === 'slack' && secretField}
      {kind === 'email' && <EmailFields draft={draft} problem={problem} zone={zone} onChange={change} />}
      {kind === 'email' && secretField}
      <fieldset>
        <legend>Severities received</legend>
        {[...ALERT_SEVERITIES].reverse().map((severity) => (
          <CheckBox
            key={severity}
            label={severity}
            checked={draft.severities.includes(severity)}
            onChange={(on) => change({ severities: on ? [...draft.severities, severity] : draft.severities.filter((s) => s !== severity) })}
          />
        ))}
        {problemAt('severities') && <span className="error small">{problemAt('severities')}</span>}
      </fieldset>
      <fieldset>
        <legend>Quiet hours ({zone})</legend>
        <CheckBox label="Hold warnings and info during quiet hours" checked={draft.quiet} onChange={(quiet) => change({ quiet })} />
        {draft.quiet && (
          <div className="quiet-hours">
            <TextField label={`From (${zone})`} type="time" value={draft.quietStart} onChange={(e) => change({ quietStart: e.target.value })} />
            <TextField
              label={`To (${zone})`}
              type="time"
              value={draft.quietEnd}
              problem={problemAt('quietStart')}
              onChange={(e) => change({ quietEnd: e.target.value })}
            />
          </div>
        )}
        <span className="muted small">Critical alerts ignore quiet hours; the others wait until they end.</span>
      </fieldset>
      <TextField
        label="Re-notify after (minutes)"
        inputMode="numeric"
        value={draft.renotify}
        hint="An escalation still unanswered this long is sent once more. Empty: never."
        problem={problemAt('renotify')}
        onChange={(e) => change({ renotify: e.target.value })}
      />
      <CheckBox label="Channel on" checked={draft.enabled} onChange={(enabled) => change({ enabled })} />
      <div className="controls">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save channel'}
        </button>
        <button type="button" disabled={busy} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
