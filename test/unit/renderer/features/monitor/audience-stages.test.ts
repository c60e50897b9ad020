import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '@shared/ipc/contract';
import { CampaignTable } from '@renderer/features/monitor/campaign-table';

type Campaign = ResponseOf<'campaigns.list'>[number];

const campaign = (audiences: Campaign['audiences']): Campaign => ({
  id: 'c1',
  name: 'Prospecting',
  platform: 'meta',
  status: 'active',
  dailyBudget: 100,
  minDailyBudget: 1,
  labels: [],
  bid: { strategy: 'lowest_cost' },
  audiences,
  creatives: [],
});
const audience = (name: string, learning?: 'learning' | 'limited', enabled = true) => ({
  id: name,
  name,
  weight: 1,
  enabled,
  ...(learning ? { learning } : {}),
});
const draw = (c: Campaign) => renderToStaticMarkup(createElement(CampaignTable, { campaigns: [c], currency: 'USD' }));
const nameCell = (html: string) => /<th scope="row">(.*?)<\/th>/.exec(html)![1].replace(/<[^>]+>/g, '');

describe("a campaign's audiences in the monitor", () => {
  it('say which live audiences are still learning and which are learning limited', () => {
    const html = draw(campaign([audience('Broad', 'learning'), audience('Lookalike', 'limited'), audience('Buyers'), audience('Old', 'learning', false)]));
    expect(nameCell(html)).toBe('ProspectingBroad LearningLookalike Learning limited');
    expect(html).toContain('aria-label="Audiences still learning"');
    expect(html).toMatch(/<span class="pill" title="The platform cannot gather enough results[^"]*">Learning limited<\/span>/);
  });

  it('add nothing when no audience is learning, as on a platform without the notion', () => {
    expect(nameCell(draw(campaign([audience('Broad')])))).toBe('Prospecting');
  });
});
