import type { WorkspaceProfile } from '../repositories/workspace-profile';

/** What a file a person reads says about whose records it holds: the workspace, its currency and its time zone. */
export type WorkspaceLabels = Pick<WorkspaceProfile, 'name' | 'currency' | 'timezone'>;

/** A database written before workspaces existed held the one sandbox account the app knew, in UTC and US dollars. */
export const DEFAULT_LABELS: WorkspaceLabels = { name: 'Sandbox', currency: 'USD', timezone: 'UTC' };

/** The labels of a workspace's profile row, or the defaults when an older database has none. */
export function labelsOf(profile: WorkspaceLabels | undefined): WorkspaceLabels {
  return profile ? { name: profile.name, currency: profile.currency, timezone: profile.timezone } : DEFAULT_LABELS;
}
