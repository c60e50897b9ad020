import type { Handlers } from '@shared/ipc/contract';
import type { Services } from '../services';

type NotificationChannel =
  | 'notifications.listChannels'
  | 'notifications.saveChannel'
  | 'notifications.removeChannel'
  | 'notifications.testChannel'
  | 'notifications.outbox'
  | 'notifications.retry';

export const notificationHandlers = ({ notifications }: Services): Pick<Handlers, NotificationChannel> => ({
  'notifications.listChannels': () => notifications.listChannels(),
  'notifications.saveChannel': (request) => notifications.saveChannel(request),
  'notifications.removeChannel': ({ id }) => notifications.removeChannel(id),
  'notifications.testChannel': ({ id }) => notifications.testChannel(id),
  'notifications.outbox': (request) => notifications.outbox(request),
  'notifications.retry': ({ id }) => notifications.retry(id),
});
