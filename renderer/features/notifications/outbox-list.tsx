import type { NotifyChannelView } from '@shared/ipc/channels/notifications';
import type { ResponseOf } from '@shared/ipc/contract';
import { inQuietHours } from '@shared/notify/quiet-hours';
import { AccountZone } from '@shared/zone';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmMutation } from '@renderer/ipc/use-acm-mutation';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { ZonedTime } from '../workspaces/zoned-time';
import { KIND_LABEL } from './channel-draft';

type Message = ResponseOf<'notifications.outbox'>['messages'][number];

const TOPIC_LABEL: Record<Message['topic'], string> = { alert: 'Alert', renotify: 'Reminder', digest: 'Daily digest', kill_switch: 'Pause all' };
const RECENT = 50;

/** Why a pending message has not gone yet: quiet hours (read as the sender reads them), or the wait before the next try. */
function Waiting({ message, channel, now, zone }: { message: Message; channel?: NotifyChannelView; now?: number; zone: string }) {
  const quiet = channel?.quietHours ?? null;
  if (quiet && now !== undefined && message.severity !== 'critical' && inQuietHours(now, AccountZone.of(zone), quiet))
    return (
      <>
        held until {quiet.end} {zone} (quiet hours)
      </>
    );
  if (message.attempts > 0)
    return (
      <>
        next try <ZonedTime ms={message.dueAt} zone={zone} />
      </>
    );
  return <>waiting to be sent</>;
}

/** The workspace's recent messages, newest first: what went, what waits and why, what failed and why, with "Retry". */
export function OutboxList({ channels, zone, now }: { channels: readonly NotifyChannelView[]; zone: string; now?: number }) {
  const outbox = useAcmQuery('notifications.outbox', { limit: RECENT });
  const retry = useAcmMutation('notifications.retry', ['notifications.']);
  const channelOf = (id: string) => channels.find((c) => c.id === id);
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">Recent messages</h2>
      <ErrorText error={outbox.error} what="Could not load the messages" />
      <ErrorText error={retry.error} what="Could not queue the message again" />
      {outbox.data?.messages.length === 0 && <p className="muted">No messages yet: they appear here once an alert is sent to a channel.</p>}
      {outbox.data && outbox.data.messages.length > 0 && (
        <table className="campaign-table outbox-table" aria-label="Recent messages">
          <thead>
            <tr>
              <th scope="col">Raised</th>
              <th scope="col">Channel</th>
              <th scope="col">Message</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {outbox.data.messages.map((m) => {
              const channel = channelOf(m.channelId);
              return (
                <tr key={m.id}>
                  <td>
                    <ZonedTime ms={m.createdAt} zone={zone} />
                  </td>
                  <td>{channel ? `${KIND_LABEL[channel.kind]} ${channel.name}` : 'a removed channel'}</td>
                  <td>
                    <span className={`pill severity-${m.severity}`}>{m.severity}</span> {TOPIC_LABEL[m.topic]}
                  </td>
                  <td className={m.state === 'failed' ? 'severity-critical' : undefined}>{m.state}</td>
                  <td>{m.attempts}</td>
                  <td>
                    {m.state === 'sent' && m.sentAt !== null && (
                      <>
                        sent <ZonedTime ms={m.sentAt} zone={zone} />
                      </>
                    )}
                    {m.state === 'pending' && <Waiting message={m} channel={channel} now={now} zone={zone} />}
                    {m.lastError && m.state !== 'sent' && <span className="error small"> {m.lastError}</span>}
                    {m.state === 'failed' && (
                      <button
                        type="button"
                        disabled={retry.isPending}
                        onClick={() => retry.mutate({ id: m.id })}
                        aria-label={`Retry ${TOPIC_LABEL[m.topic]} to ${channel?.name ?? 'a removed channel'}`}
                      >
                        Retry
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
