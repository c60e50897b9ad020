/**
 * Graph API ids for the objects of a sandbox world: numeric strings of 18 digits, as Meta's
 * are, that say what they name. Campaign c is kind 1; its ad set for audience a kind 2; the ad
 * of audience a and creative k kind 3; creative k kind 4 (one creative, shown by one ad in each
 * ad set); label i of campaign c kind 5.
 */
const PREFIX = '12021';
const WIDTH = 4;

export type FakeKind = 'campaign' | 'adset' | 'ad' | 'creative' | 'label';
const KIND_DIGIT: Record<FakeKind, string> = { campaign: '1', adset: '2', ad: '3', creative: '4', label: '5' };
const KIND_OF: Record<string, FakeKind> = { 1: 'campaign', 2: 'adset', 3: 'ad', 4: 'creative', 5: 'label' };

export interface FakeRef {
  kind: FakeKind;
  campaign: number;
  audience: number;
  creative: number;
}

const part = (n: number) => String(n + 1).padStart(WIDTH, '0');

export function fakeId(kind: FakeKind, campaign: number, audience = -1, creative = -1): string {
  return `${PREFIX}${KIND_DIGIT[kind]}${part(campaign)}${part(audience)}${part(creative)}`;
}

/** What an id names, or undefined for an id this fake never gave. */
export function parseFakeId(id: string): FakeRef | undefined {
  if (!/^\d{18}$/.test(id) || !id.startsWith(PREFIX)) return undefined;
  const kind = KIND_OF[id[5]];
  if (!kind) return undefined;
  const at = (i: number) => Number(id.slice(6 + i * WIDTH, 6 + (i + 1) * WIDTH)) - 1;
  return { kind, campaign: at(0), audience: at(1), creative: at(2) };
}
