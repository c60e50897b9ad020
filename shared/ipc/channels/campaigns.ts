import { z } from 'zod';
import { LEARNING_STAGES, type CampaignInfo } from '@shared/domain/campaign';
import { channel } from '../define';

const bidSettingSchema = z.discriminatedUnion('strategy', [
  z.object({ strategy: z.literal('lowest_cost') }),
  z.object({ strategy: z.literal('max_cpc'), amount: z.number().positive() }),
]);

/** The wire form of the domain's CampaignInfo; `satisfies` keeps the two from drifting apart. */
export const campaignInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  platform: z.string(),
  status: z.enum(['active', 'paused']),
  dailyBudget: z.number().nonnegative(),
  minDailyBudget: z.number().nonnegative(),
  labels: z.array(z.string()),
  bid: bidSettingSchema,
  audiences: z.array(
    z.object({ id: z.string(), name: z.string(), weight: z.number().nonnegative(), enabled: z.boolean(), learning: z.enum(LEARNING_STAGES).optional() }),
  ),
  creatives: z.array(z.object({ id: z.string(), name: z.string(), enabled: z.boolean(), liveSince: z.number().nullable() })),
  automatedBidding: z.string().optional(),
  sharedBudget: z.object({ id: z.string(), name: z.string(), campaignIds: z.array(z.string()) }).optional(),
}) satisfies z.ZodType<CampaignInfo>;

export const campaignChannels = {
  'campaigns.list': channel(z.object({}).strict(), z.array(campaignInfoSchema)),
};
