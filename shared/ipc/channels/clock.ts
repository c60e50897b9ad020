import { z } from 'zod';
import { event } from '../define';

/** The simulated clock as the host runs it: `speed` is how many simulated seconds pass per real second. */
export const clockStateSchema = z.object({
  now: z.number().int(),
  speed: z.number().positive(),
});

export const clockEvents = {
  /** Pushed by the host about once a real second so every window shows the same simulated time. */
  'clock.tick': event(clockStateSchema),
};
