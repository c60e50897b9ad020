import { describe, expect, it } from 'vitest';
import { FakeMetaServer, fakeWorld } from '@platforms/meta/fake/index';
import { HOUR_MS, ManualClock } from '@shared/time';
import { NOW, threeCampaigns, TOKEN } from './meta-fixture';

type Page = { data: Record<string, unknown>[]; paging?: { next?: string } };

/** Every row of an hourly insights report of the account's last `days` days, following `paging.next` from pages of `limit`. */
async function report(fake: FakeMetaServer, limit: number, days: number): Promise<Record<string, unknown>[]> {
  const until = new Date(NOW).toISOString().slice(0, 10);
  const since = new Date(NOW - days * 24 * HOUR_MS).toISOString().slice(0, 10);
  const query = new URLSearchParams({
    access_token: TOKEN,
    level: 'campaign',
    fields: 'campaign_id,spend,clicks,date_start',
    breakdowns: 'hourly_stats_aggregated_by_advertiser_time_zone',
    time_range: JSON.stringify({ since, until }),
    time_increment: '1',
    limit: String(limit),
  });
  const rows: Record<string, unknown>[] = [];
  let url: string | undefined = `${fake.url}/v24.0/${fake.account.id}/insights?${query}`;
  while (url) {
    const page = (await (await fake.fetch(url)).json()) as Page;
    rows.push(...page.data);
    url = page.paging?.next;
  }
  return rows;
}

describe('a long insights report read page by page', () => {
  it('gives the rows one page would, and the rows of the hour the world has reached once it moves on', async () => {
    const clock = new ManualClock(NOW);
    const fake = FakeMetaServer.inProcess({ world: fakeWorld(threeCampaigns(), clock), clock, token: TOKEN });
    const whole = await report(fake, 5000, 20);
    expect(whole.length).toBeGreaterThan(500);
    expect(await report(fake, 25, 20)).toEqual(whole);

    clock.advance(HOUR_MS);
    const later = await report(fake, 25, 20);
    expect(later.length).toBeGreaterThan(whole.length);
    expect(later).toEqual(await report(fake, 5000, 20));
  });
});
