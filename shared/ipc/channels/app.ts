import { z } from 'zod';
import { channel } from '../define';
import { clockStateSchema } from './clock';

const noArguments = z.object({}).strict();

export const appChannels = {
  'app.info': channel(
    noArguments,
    z.object({
      version: z.string(),
      account: z.object({
        name: z.string(),
        /** ISO 4217 code every money amount of this account is in. */
        currency: z.string().length(3),
        platform: z.string(),
        /** IANA zone of the account's days: every time and day of the workspace is shown in it. */
        timezone: z.string(),
      }),
      clock: clockStateSchema,
      /** Null when the host runs without a database file. */
      databasePath: z.string().nullable(),
    }),
  ),
};
