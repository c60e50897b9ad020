import { z } from 'zod';
import { isActionType } from '../../platform/action-type';

/**
 * A Meta access token as the operator pastes it. It travels in requests only: no answer, log or
 * error message ever carries it back.
 */
export const metaTokenSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4096, 'is longer than any Meta access token')
  .regex(/^[\x21-\x7e]+$/, 'holds spaces or characters an access token never has');

export const metaAccountIdSchema = z.string().regex(/^act_\d{1,30}$/, 'must be a Meta ad account id: act_ and digits');

/** One ad account the token reaches, as the connect dialog lists it. */
export const metaAdAccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  timezone: z.string(),
  /** Meta's account_status in words: "active", "disabled", "unsettled", … */
  status: z.string(),
  /** Whether this token may change the account (ads_management and an advertiser's task on it); without, its agents only recommend. */
  canManage: z.boolean(),
  /** The workspace the account is already connected in: a second connection would have two sets of agents on one account. */
  workspaceId: z.number().int().positive().optional(),
  /** That workspace's token was refused by Meta (expired, revoked): picking the account gives the workspace this token instead. */
  needsReconnecting: z.boolean().optional(),
  /** Why the app cannot connect it (a currency or time zone it does not know), when it cannot. */
  problem: z.string().optional(),
});
export type MetaAdAccount = z.infer<typeof metaAdAccountSchema>;

/** Where the token would be kept, and whether that place deserves the name. */
export const tokenStorageSchema = z.object({
  /** False when nothing can keep the token (no keychain or keyring answers): nothing can be connected until one does. */
  available: z.boolean(),
  /** False on Linux when no keyring answered and Electron's safeStorage fell back to `basic_text`. */
  protected: z.boolean(),
  /** Said to the operator before anything is stored when `protected` is false. */
  warning: z.string().optional(),
  /** "the operating system's keychain", "the operating system's keyring". */
  where: z.string(),
});

export type TokenStorage = z.infer<typeof tokenStorageSchema>;

export const metaTokenCheckSchema = z.object({
  user: z.object({ id: z.string(), name: z.string() }),
  /** The permissions Meta says the token was granted (ads_read, ads_management, business_management, …). */
  permissions: z.array(z.string()),
  accounts: z.array(metaAdAccountSchema),
  /** How many ad accounts the token reaches beyond those listed. */
  more: z.number().int().nonnegative(),
  storage: tokenStorageSchema,
});
export type MetaTokenCheck = z.infer<typeof metaTokenCheckSchema>;

export const metaConnectRequestSchema = z
  .object({
    token: metaTokenSchema,
    accountIds: z
      .array(metaAccountIdSchema)
      .min(1, 'pick at least one ad account')
      .max(50, 'connect at most 50 ad accounts at once')
      .refine((ids) => new Set(ids).size === ids.length, 'names an ad account twice'),
    /** Meta's action type that counts as a conversion in these accounts. */
    conversionAction: z.string().trim().refine(isActionType, 'must be a Meta action type such as purchase or lead').default('purchase'),
    /** The operator read the storage warning and stores the token anyway. */
    storeUnprotected: z.boolean().default(false),
  })
  .strict();
