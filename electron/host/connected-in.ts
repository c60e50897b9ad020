/**
 * Where an account a connect dialog lists is connected already: its workspace, and whether the
 * platform refused that workspace's credential (then picking the account signs the workspace in
 * again rather than being refused).
 */
export type ConnectedIn = (externalId: string) => { workspaceId: number; needsReconnecting: boolean } | undefined;
