import { z } from 'zod';
import { ALERT_SEVERITIES } from '@shared/domain/alert';
import { isTimeZone } from '../../zone';
import { isCurrency } from '../../money';
import { channel, event } from '../define';
import { desktopChannels } from './desktop';
import { metaConnectRequestSchema, metaTokenCheckSchema, metaTokenSchema } from './meta-connect';
import {
  googleClientRequestSchema,
  googleClientStatusSchema,
  googleConnectRequestSchema,
  googleSignInIdSchema,
  googleSignInSchema,
  googleSignInStartSchema,
} from './google-connect';

const noArguments = z.object({}).strict();

export const workspaceIdSchema = z.number().int().positive();

/** One client of the agency, as the switcher lists it. */
export const workspaceSummarySchema = z.object({
  id: workspaceIdSchema,
  name: z.string(),
  /** ISO 4217 code of the workspace's accounts. */
  currency: z.string().length(3),
  /** IANA zone of the workspace's account days. */
  timezone: z.string(),
  openAlerts: z.object({ critical: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  agents: z.object({ active: z.number().int(), paused: z.number().int() }),
  /**
   * `reason` says why an account is not connected (a token the platform refused: it needs
   * reconnecting); `recommendOnly`, present when its token may only read, why its agents only recommend.
   */
  accounts: z.array(
    z.object({ platform: z.string(), name: z.string(), connected: z.boolean(), reason: z.string().optional(), recommendOnly: z.string().optional() }),
  ),
});
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;

const workspaceName = z.string().trim().min(1, 'must not be empty').max(100);

export const newWorkspaceSchema = z
  .object({
    name: workspaceName,
    currency: z.string().refine(isCurrency, 'must be an ISO 4217 currency code such as USD, EUR or JPY'),
    timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as America/New_York'),
  })
  .strict();

export const EXCEPTION_KINDS = ['escalation', 'blocked', 'goal_at_risk', 'connection', 'other'] as const;

/** Something waiting for a person, in any workspace. */
export const exceptionSchema = z.object({
  workspaceId: workspaceIdSchema,
  workspaceName: z.string(),
  kind: z.enum(EXCEPTION_KINDS),
  severity: z.enum(ALERT_SEVERITIES),
  message: z.string(),
  createdAt: z.number(),
  timezone: z.string(),
  alertId: z.string().optional(),
  decisionId: z.string().optional(),
  agentId: z.string().optional(),
});
export type WorkspaceException = z.infer<typeof exceptionSchema>;

/** What a call on every workspace did in each: the agents it changed, and whether the change is on the record yet. */
const everywhere = z.object({
  workspaces: z.array(z.object({ workspaceId: workspaceIdSchema, agentIds: z.array(z.string()), recorded: z.boolean() })),
});

/**
 * Calls about the app's workspaces rather than one of them: every other channel is answered by
 * the workspace the request names (the transport carries the id beside the request).
 */
export const workspaceChannels = {
  'workspaces.list': channel(noArguments, z.array(workspaceSummarySchema)),
  'workspaces.create': channel(newWorkspaceSchema, workspaceSummarySchema),
  /** Remembers the workspace as the one the app opens on next time. */
  'workspaces.open': channel(z.object({ id: workspaceIdSchema }).strict(), workspaceSummarySchema),
  /** The workspace the app opens on: the last one opened. */
  'workspaces.current': channel(noArguments, workspaceSummarySchema),
  /** A workspace's new name; its currency and zone are its accounts' and stay. */
  'workspaces.rename': channel(z.object({ id: workspaceIdSchema, name: workspaceName }).strict(), workspaceSummarySchema),
  'workspaces.exceptions': channel(noArguments, z.array(exceptionSchema)),
  /** The tray's meaning of "Pause all": every agent of every workspace. */
  'workspaces.pauseAll': channel(noArguments, everywhere),
  /** The tray's "Resume all": every paused agent of every workspace. */
  'workspaces.resumeAll': channel(noArguments, everywhere),
  /** What a Meta token is (whose, which permissions) and the ad accounts it reaches; nothing is stored. */
  'workspaces.checkMetaToken': channel(z.object({ token: metaTokenSchema }).strict(), metaTokenCheckSchema),
  /** Each ad account picked becomes a workspace of its own, in its currency and zone; the token goes to the keychain. */
  'workspaces.connectMeta': channel(
    metaConnectRequestSchema,
    z.object({ workspaces: z.array(workspaceSummarySchema), failed: z.array(z.object({ accountId: z.string(), message: z.string() })) }),
  ),
  /** Whether the operator's Google OAuth client is configured (its id, never its secret), and where secrets would be kept. */
  'workspaces.googleClient': channel(noArguments, googleClientStatusSchema),
  /** Keeps the operator's OAuth client, developer token and access level: the secrets in the keychain, replacing what was there. */
  'workspaces.saveGoogleClient': channel(googleClientRequestSchema, googleClientStatusSchema),
  /** Starts "Sign in with Google": the consent page's address, opened by the host in the system browser where it can. */
  'workspaces.startGoogleSignIn': channel(noArguments, googleSignInStartSchema),
  /** Waits for the browser to come back from Google's consent page, then lists the Google Ads customers the sign-in reaches; nothing is stored. */
  'workspaces.finishGoogleSignIn': channel(z.object({ signInId: googleSignInIdSchema }).strict(), googleSignInSchema),
  /** Gives up a sign-in: the wait for the browser ends, and its refresh token (if any) is forgotten. */
  'workspaces.cancelGoogleSignIn': channel(z.object({ signInId: googleSignInIdSchema }).strict(), z.object({ cancelled: z.boolean() })),
  /** Each customer picked becomes a workspace of its own, in its currency and zone; the sign-in's refresh token goes to the keychain. */
  'workspaces.connectGoogle': channel(
    googleConnectRequestSchema,
    z.object({ workspaces: z.array(workspaceSummarySchema), failed: z.array(z.object({ customerId: z.string(), message: z.string() })) }),
  ),
};

/** The channels no workspace answers: the workspaces group, and the desktop settings of the computer the app runs on. */
export const GLOBAL_CHANNELS: ReadonlySet<string> = new Set([...Object.keys(workspaceChannels), ...Object.keys(desktopChannels)]);

export const workspaceEvents = {
  'workspace.changed': event(z.object({ workspaceId: workspaceIdSchema })),
};
