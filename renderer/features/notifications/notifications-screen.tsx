import { useState } from 'react';
import type { NotifyChannelKind } from '@shared/domain/notify';
import { EmptyState } from '@renderer/app/empty-state';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { ChannelCard } from './channel-card';
import { ChannelForm } from './channel-form';
import { OutboxList } from './outbox-list';

/** Which form is open: a new channel of a kind, or an existing channel. */
type Editing = { kind: NotifyChannelKind; id?: string } | null;

/** Where this workspace's alerts reach people away from the app: its Slack and e-mail channels, and the messages sent to them. */
export function NotificationsScreen() {
  const channels = useAcmQuery('notifications.listChannels');
  const info = useAcmQuery('app.info');
  const [editing, setEditing] = useState<Editing>(null);
  // Times wait for the account's zone: no other clock stands in while it loads.
  const zone = info.data?.account.timezone;
  const list = channels.data?.channels ?? [];
  const edited = editing?.id === undefined ? undefined : list.find((c) => c.id === editing.id);

  return (
    <>
      <h1>Notifications</h1>
      <p className="muted">
        Alerts of this workspace sent to Slack and e-mail, with a link that opens the app on the item.{zone && ` Times are those of ${zone}.`}
      </p>
      <ErrorText error={channels.error} what="Could not load the channels" />
      {channels.isPending && <p role="status">Loading channels…</p>}
      {channels.data && list.length === 0 && editing === null && (
        <EmptyState title="No channels">
          <p>Add a Slack incoming webhook or an e-mail address list to hear of escalations, blocked actions and goals at risk away from the desk.</p>
        </EmptyState>
      )}
      {zone && list.length > 0 && (
        <ul className="alert-list channel-list" aria-label="Channels">
          {list.map((channel) =>
            editing?.id === channel.id ? null : (
              <ChannelCard key={channel.id} channel={channel} zone={zone} onEdit={() => setEditing({ kind: channel.kind, id: channel.id })} />
            ),
          )}
        </ul>
      )}
      {zone && editing !== null && (editing.id === undefined || edited) ? (
        <ChannelForm key={editing.id ?? editing.kind} kind={editing.kind} channel={edited} zone={zone} onDone={() => setEditing(null)} />
      ) : (
        <div className="controls">
          <button type="button" onClick={() => setEditing({ kind: 'slack' })}>
            Add Slack channel
          </button>
          <button type="button" onClick={() => setEditing({ kind: 'email' })}>
            Add e-mail channel
          </button>
        </div>
      )}
      {zone && <OutboxList channels={list} zone={zone} now={info.data?.clock.now} />}
    </>
  );
}
