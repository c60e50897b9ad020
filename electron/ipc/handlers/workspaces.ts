import type { Handlers } from '@shared/ipc/contract';
import type { workspaceChannels } from '@shared/ipc/channels/workspaces';
import type { WorkspaceDirectory } from '../services';

export type WorkspaceChannel = keyof typeof workspaceChannels;

/** The calls about the app's workspaces rather than one of them. */
export const workspaceHandlers = (directory: WorkspaceDirectory): Pick<Handlers, WorkspaceChannel> => ({
  'workspaces.list': () => directory.list(),
  'workspaces.create': (request) => directory.create(request),
  'workspaces.open': ({ id }) => directory.open(id),
  'workspaces.current': () => directory.current(),
  'workspaces.rename': ({ id, name }) => directory.rename(id, name),
  'workspaces.exceptions': () => directory.exceptions(),
  'workspaces.pauseAll': () => directory.pauseAll(),
  'workspaces.resumeAll': () => directory.resumeAll(),
  'workspaces.checkMetaToken': ({ token }) => directory.checkMetaToken(token),
  'workspaces.connectMeta': (request) => directory.connectMeta(request),
  'workspaces.googleClient': () => directory.googleClient(),
  'workspaces.saveGoogleClient': (request) => directory.saveGoogleClient(request),
  'workspaces.startGoogleSignIn': () => directory.startGoogleSignIn(),
  'workspaces.finishGoogleSignIn': ({ signInId }) => directory.finishGoogleSignIn(signInId),
  'workspaces.cancelGoogleSignIn': ({ signInId }) => directory.cancelGoogleSignIn(signInId),
  'workspaces.connectGoogle': (request) => directory.connectGoogle(request),
});
