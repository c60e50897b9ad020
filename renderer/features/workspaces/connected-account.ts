/** An account a connect dialog lists, as far as where it is connected goes. */
interface Listed {
  workspaceId?: number;
  needsReconnecting?: boolean;
}

const workspaceLabel = (id: number, workspaceName: (id: number) => string | undefined) => workspaceName(id) ?? `#${id}`;

/** Why an account already in a workspace cannot be picked; nothing when it is in none, or its workspace needs reconnecting. */
export function connectedReason(account: Listed, workspaceName: (id: number) => string | undefined): string | undefined {
  if (account.workspaceId === undefined || account.needsReconnecting === true) return undefined;
  return `already in workspace ${workspaceLabel(account.workspaceId, workspaceName)}`;
}

/** What picking an account does besides connecting it: reconnecting its workspace, whose credential the platform refused. */
export function reconnectNote(account: Listed, workspaceName: (id: number) => string | undefined): string | undefined {
  if (account.workspaceId === undefined || account.needsReconnecting !== true) return undefined;
  return `workspace ${workspaceLabel(account.workspaceId, workspaceName)} needs reconnecting: picking it signs that workspace in again`;
}
