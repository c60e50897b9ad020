import { z } from 'zod';
import { tokenStorageSchema } from './meta-connect';

export const GOOGLE_ACCESS_LEVELS = ['explorer', 'basic'] as const;

/** A Google Ads customer id as Google Ads shows it (123-456-7890) or as its API writes it (ten digits). */
export const googleCustomerIdSchema = z
  .string()
  .trim()
  .transform((id) => id.replace(/-/g, ''))
  .refine((id) => /^\d{10}$/.test(id), 'must be a Google Ads customer id: ten digits, dashes allowed');

/** A secret as the operator pastes it: it travels in requests only, never back in an answer, a log or an error. */
const pastedSecret = (what: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(512, `is longer than any ${what}`)
    .regex(/^[\x21-\x7e]+$/, `holds spaces or characters a ${what} never has`);

/** The operator's own OAuth client (type "Desktop app"), developer token and its access level, given once per app. */
export const googleClientRequestSchema = z
  .object({
    clientId: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(256, 'is longer than any OAuth client id')
      .regex(/^[\w.-]+$/, 'must be an OAuth client id such as 1234-abc.apps.googleusercontent.com'),
    clientSecret: pastedSecret('client secret'),
    /** The developer token of the agency's manager account (API Center); without one, Google refuses every API call. */
    developerToken: pastedSecret('developer token').optional(),
    accessLevel: z.enum(GOOGLE_ACCESS_LEVELS).default('explorer'),
    /** The operator read the storage warning and stores the secrets anyway. */
    storeUnprotected: z.boolean().default(false),
  })
  .strict();

/** Whether an OAuth client is configured, and what of it may be said: never the secret or the developer token, only whether there is one. */
export const googleClientStatusSchema = z.object({
  configured: z.boolean(),
  clientId: z.string().optional(),
  developerToken: z.boolean(),
  accessLevel: z.enum(GOOGLE_ACCESS_LEVELS),
  /** Where the client is read from: "this app's keychain", or the headless host's environment (which then wins over what is saved here). */
  from: z.string().optional(),
  storage: tokenStorageSchema,
});
export type GoogleClientStatus = z.infer<typeof googleClientStatusSchema>;

export const googleSignInIdSchema = z.string().regex(/^[\w-]{16,64}$/, 'is not a sign-in of this host');

/**
 * A sign-in under way: the consent page's address. `openedByHost` says whether the host opened it
 * in the system browser (the app); when not (a browser on `acm serve`), the page opens it.
 */
export const googleSignInStartSchema = z.object({
  signInId: googleSignInIdSchema,
  consentUrl: z.url(),
  openedByHost: z.boolean(),
});

/** One Google Ads customer the sign-in reaches, directly or as a client of a manager account it reaches. */
export const googleCustomerSchema = z.object({
  /** Ten digits. */
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  timezone: z.string(),
  /** A manager account (MCC) holds no campaigns: its client accounts are listed and picked instead. */
  manager: z.boolean(),
  /** The manager account the customer is reached through (sent as `login-customer-id`), and its name. */
  loginCustomerId: z.string().optional(),
  managerName: z.string().optional(),
  /** The workspace the customer is already connected in. */
  workspaceId: z.number().int().positive().optional(),
  /** That workspace's sign-in was refused by Google (revoked, expired): picking the customer signs the workspace in again. */
  needsReconnecting: z.boolean().optional(),
  /** Why the app cannot connect it (an unknown currency or zone, a closed account, Google's refusal to read it). */
  problem: z.string().optional(),
});
export type GoogleCustomer = z.infer<typeof googleCustomerSchema>;

/** What a finished sign-in reaches; its refresh token stays in the host, for `connectGoogle`. */
export const googleSignInSchema = z.object({
  signInId: googleSignInIdSchema,
  customers: z.array(googleCustomerSchema),
  /** How many customers beyond those listed. */
  more: z.number().int().nonnegative(),
  storage: tokenStorageSchema,
});
export type GoogleSignIn = z.infer<typeof googleSignInSchema>;

export const googleConnectRequestSchema = z
  .object({
    signInId: googleSignInIdSchema,
    customerIds: z
      .array(googleCustomerIdSchema)
      .min(1, 'pick at least one customer')
      .max(50, 'connect at most 50 customers at once')
      .refine((ids) => new Set(ids).size === ids.length, 'names a customer twice'),
    storeUnprotected: z.boolean().default(false),
  })
  .strict();
