import { z } from 'zod';
import { channel } from '../define';
import { exportResultSchema } from './decisions';

const day = z.iso.date('must be a day, YYYY-MM-DD');

export const reportChannels = {
  /**
   * The workspace's client report as a PDF, over the account's local days `from` to `to`, both
   * inclusive; without them, the 30 complete days before today. The host writes the file as it
   * writes every export (see exportResultSchema); `rows` counts the period's days.
   */
  'reports.client': channel(
    z
      .object({ from: day.optional(), to: day.optional() })
      .strict()
      // ISO dates order as text.
      .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, { message: 'from must not be after to', path: ['from'] }),
    exportResultSchema,
  ),
};
