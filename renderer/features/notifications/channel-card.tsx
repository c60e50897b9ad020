import { useState } from 'react';
import type { NotifyChannelView } from '@shared/ipc/channels/notifications';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmMutation } from '@renderer/ipc/use-acm-mutation';
import { ZonedTime } from '../workspaces/zoned-time';
import { KIND_LABEL } from './channel-draft';

const REFRESH = ['notifications.'];
const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

/** "delivered 12 Mar, 10:42", or "Slack: last delivery failed 3 times: HTTP 404", or that nothing was sent yet. */
export function DeliveryState({ channel, zone }: { channel: NotifyChannelView; zone: string }) {
  if (channel.failuresInARow > 0)
    return (
      <p className="severity-critical">
        {KIND_LABEL[channel.kind]}: last delivery failed {times(channel.failuresInARow)}
        {channel.lastError ? `: ${channel.lastError}` : ''}
        {channel.lastAttemptAt !== null && (
          <>
            {' '}
            (<ZonedTime ms={channel.lastAttemptAt} zone={zone} />)
          </>
        )}
      </p>
    );
  if (channel.lastDeliveredAt !== null)
    return (
      <p>
        delivered <ZonedTime ms={channel.lastDeliveredAt} zone={zone} />
      </p>
    );
  return <p className="muted">nothing sent yet</p>;
}

function Summary({ channel, zone }: { channel: NotifyChannelView; zone: string }) {
  const parts = [
    channel.email && `to ${channel.email.to.join(', ')} via ${channel.email.host}:${channel.email.port} (${channel.email.secure ? 'TLS' : 'STARTTLS'})`,
    `receives ${channel.severities.join(', ')}`,
    channel.quietHours ? `quiet ${channel.quietHours.start}–${channel.quietHours.end} ${zone} (critical still sent)` : 'no quiet hours',
    channel.renotifyAfterMinutes === null ? 'no reminder' : `re-notifies after ${channel.renotifyAfterMinutes} min`,
    channel.digestHour !== null && `daily digest at ${String(channel.digestHour).padStart(2, '0')}:00 ${zone}`,
  ].filter(Boolean);
  return <p className="muted small">{parts.join(' · ')}</p>;
}

/** One channel: how its deliveries went, what it receives, and "Send test", edit and remove (none for a scripted one but the test). */
export function ChannelCard({ channel, zone, onEdit }: { channel: NotifyChannelView; zone: string; onEdit: () => void }) {
  const test = useAcmMutation('notifications.testChannel', REFRESH);
  const remove = useAcmMutation('notifications.removeChannel', REFRESH);
  const [confirming, setConfirming] = useState(false);
  const label = `${KIND_LABEL[channel.kind]} ${channel.name}`;
  return (
    <li className="card channel-card" aria-label={label}>
      <header className="card-header">
        <span className="pill">{KIND_LABEL[channel.kind]}</span>
        <strong>{channel.name}</strong>
        {!channel.enabled && <span className="pill">off</span>}
      </header>
      <DeliveryState channel={channel} zone={zone} />
      <Summary channel={channel} zone={zone} />
      {channel.scripted && <p className="muted small">Set by the command line of acm serve for this run: change it there. It can still be tested.</p>}
      <div className="controls">
        <button type="button" disabled={test.isPending} onClick={() => test.mutate({ id: channel.id })}>
          {test.isPending ? 'Sending…' : 'Send test'}
        </button>
        {!channel.scripted && (
          <>
            <button type="button" onClick={onEdit}>
              Edit
            </button>
            {!confirming && (
              <button type="button" onClick={() => setConfirming(true)}>
                Remove
              </button>
            )}
          </>
        )}
      </div>
      {test.data && (
        <p role="status" className={test.data.delivered ? undefined : 'error'}>
          {test.data.delivered ? 'Test message delivered.' : `Test message not delivered: ${test.data.error ?? 'no reason given'}`}
        </p>
      )}
      {confirming && (
        <div role="group" aria-label={`Remove ${label}?`} className="confirm">
          <p>Remove {label}? Its stored secret and the messages still waiting for it go too.</p>
          <div className="controls">
            <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate({ id: channel.id })}>
              Remove channel
            </button>
            <button type="button" disabled={remove.isPending} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <ErrorText error={test.error} what="Could not send the test" />
      <ErrorText error={remove.error} what="Could not remove the channel" />
    </li>
  );
}
