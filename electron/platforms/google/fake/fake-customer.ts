import { HOUR_MS, type Clock } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { CampaignState } from '../../sandbox/campaign-state';
import type { World } from '../../sandbox/world';

export type FakeBiddingStrategy = 'MANUAL_CPC' | 'TARGET_ROAS' | 'MAXIMIZE_CONVERSIONS';

export interface FakeGoogleCustomerOptions {
  world: World;
  clock: Clock;
  /** The customer id, ten digits without dashes (default 1234567890). */
  customerId?: string;
  name?: string;
  /** Bring the world up to the clock before each request (default); off when something else drives the world. */
  followClock?: boolean;
  /** Two campaigns (by index in the scenario) on one explicitly shared budget, so that an adapter meets one. */
  sharedBudget?: [number, number];
  /** Campaigns (by index) on automated bidding: their keywords take no CPC bids. */
  bidding?: Record<number, Exclude<FakeBiddingStrategy, 'MANUAL_CPC'>>;
  /** A manager account above the customer: it lists the customer as its client, and acting through it needs `login-customer-id`. */
  manager?: { id: string; name?: string };
}

export interface FakeBudget {
  id: string;
  name: string;
  campaigns: FakeCampaign[];
  explicitlyShared: boolean;
}

export interface FakeCampaign {
  index: number;
  id: string;
  state: CampaignState;
  budget: FakeBudget;
  bidding: FakeBiddingStrategy;
  /** Keyword CPC bids in micros, by ad group (audience); absent until known: the world then bids for the lowest cost. */
  keywordBids: (number | undefined)[];
}

/** A label of the customer, as `label` rows show it. */
export interface FakeLabel {
  id: string;
  name: string;
}

/** One recorded change, as `change_event` reports it. */
export interface FakeChange {
  at: number;
  resourceType: 'CAMPAIGN_BUDGET' | 'CAMPAIGN' | 'AD_GROUP_CRITERION' | 'AD_GROUP_AD';
  resourceName: string;
  changedFields: string[];
  oldResource: Record<string, unknown>;
  newResource: Record<string, unknown>;
  campaign?: FakeCampaign;
  adGroup?: number;
}

const MICROS = 1_000_000;

/**
 * A sandbox world dressed as a Google Ads customer: each campaign has its own budget (or two
 * share one), its audiences are ad groups with one keyword each (the keyword's CPC bid is the
 * world's bid), its creatives are ads in every ad group. Ids are derived from positions, so a
 * restart serves the same ids.
 */
export class FakeGoogleCustomer {
  readonly world: World;
  readonly zone: AccountZone;
  readonly currency: string;
  readonly customerId: string;
  readonly name: string;
  readonly manager?: { id: string; name: string };
  readonly campaigns: FakeCampaign[];
  readonly budgets: FakeBudget[];
  /** The distinct labels of the scenario's campaigns, in the order the campaigns first carry them. */
  readonly labels: FakeLabel[];
  readonly changes: FakeChange[] = [];
  private readonly clock: Clock;
  private readonly followClock: boolean;

  constructor(options: FakeGoogleCustomerOptions) {
    const { world } = options;
    this.world = world;
    this.clock = options.clock;
    this.followClock = options.followClock ?? true;
    this.zone = world.zone;
    this.currency = world.scenario.currency;
    this.customerId = options.customerId ?? '1234567890';
    if (!/^\d{10}$/.test(this.customerId)) throw new RangeError(`a customer id has ten digits, got '${this.customerId}'`);
    this.name = options.name ?? world.scenario.name;
    if (options.manager && (!/^\d{10}$/.test(options.manager.id) || options.manager.id === this.customerId)) {
      throw new RangeError(`a manager account needs its own ten-digit id, got '${options.manager.id}'`);
    }
    if (options.manager) this.manager = { id: options.manager.id, name: options.manager.name ?? `${this.name} manager` };
    const shared = options.sharedBudget;
    if (shared && (shared[0] === shared[1] || !world.campaigns[shared[0]] || !world.campaigns[shared[1]])) {
      throw new RangeError(`a shared budget needs two different campaigns of the scenario, got ${shared.join(' and ')}`);
    }
    this.budgets = [];
    const names = [...new Set(world.campaigns.flatMap((c) => c.spec.labels))];
    this.labels = names.map((name, index) => ({ id: String(7_000_000_001 + index), name }));
    this.campaigns = world.campaigns.map((state, index) => {
      const bid = state.bid.strategy === 'max_cpc' ? Math.round(state.bid.amount * MICROS) : undefined;
      const budget: FakeBudget = { id: String(3_000_000_001 + index), name: `${state.spec.name} budget`, campaigns: [], explicitlyShared: false };
      return {
        index,
        id: String(2_000_000_001 + index),
        state,
        budget,
        bidding: options.bidding?.[index] ?? 'MANUAL_CPC',
        keywordBids: state.audiences.map(() => bid),
      };
    });
    for (const c of this.campaigns) {
      const joined = shared && c.index === shared[1] ? this.campaigns[shared[0]].budget : c.budget;
      if (joined !== c.budget) {
        joined.explicitlyShared = true;
        joined.name = 'Shared budget';
      } else this.budgets.push(joined);
      c.budget = joined;
      joined.campaigns.push(c);
    }
    this.catchUp();
  }

  now(): number {
    return this.clock.now();
  }

  /** Brings the world up to the clock (the hours in between are played). */
  catchUp(): void {
    if (this.followClock) this.world.advanceTo(Math.floor((this.clock.now() - this.world.startMs) / HOUR_MS));
  }

  resourceName(collection: string, id: string): string {
    return `customers/${this.customerId}/${collection}/${id}`;
  }

  adGroupId(c: FakeCampaign, audience: number): string {
    return String(4_000_000_000 + (c.index + 1) * 1000 + audience);
  }

  /** The label resource names of a campaign, as `campaign.labels` lists them. */
  campaignLabels(c: FakeCampaign): string[] {
    return c.state.spec.labels.flatMap((name) => this.labels.filter((l) => l.name === name).map((l) => this.resourceName('labels', l.id)));
  }

  criterionId(audience: number): string {
    return String(5_000_000_001 + audience);
  }

  adId(c: FakeCampaign, creative: number): string {
    return String(6_000_000_000 + (c.index + 1) * 1000 + creative);
  }

  /** The budget's daily amount in micros: the sum of its campaigns' daily budgets in the world. */
  budgetMicros(budget: FakeBudget): number {
    return Math.round(budget.campaigns.reduce((sum, c) => sum + c.state.dailyBudget, 0) * MICROS);
  }

  /** Sets a budget's daily amount; campaigns sharing it keep their shares of it, as they spend from one pot. */
  setBudgetMicros(budget: FakeBudget, micros: number): void {
    const total = budget.campaigns.reduce((sum, c) => sum + c.state.dailyBudget, 0);
    for (const c of budget.campaigns) {
      const share = total > 0 ? c.state.dailyBudget / total : 1 / budget.campaigns.length;
      c.state.dailyBudget = (micros / MICROS) * share;
    }
  }

  /** Sets a keyword's bid; the world bids one amount per campaign, the mean of its keywords' bids. */
  setKeywordBid(c: FakeCampaign, audience: number, micros: number): void {
    c.keywordBids[audience] = micros;
    const known = c.keywordBids.filter((b): b is number => b !== undefined);
    c.state.bid = { strategy: 'max_cpc', amount: known.reduce((s, b) => s + b, 0) / known.length / MICROS };
  }

  findCampaign(id: string): FakeCampaign | undefined {
    return this.campaigns.find((c) => c.id === id);
  }

  findBudget(id: string): FakeBudget | undefined {
    return this.budgets.find((b) => b.id === id);
  }

  /** The campaign and ad group (audience) of an ad group id. */
  findAdGroup(id: string): { c: FakeCampaign; audience: number } | undefined {
    for (const c of this.campaigns) {
      const audience = c.state.audiences.findIndex((_, a) => this.adGroupId(c, a) === id);
      if (audience >= 0) return { c, audience };
    }
    return undefined;
  }

  record(change: Omit<FakeChange, 'at'>): void {
    this.changes.push({ ...change, at: this.now() });
  }
}
