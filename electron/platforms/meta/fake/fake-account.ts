import type { CampaignSpec } from '@shared/scenario/schema';
import { minorUnits } from '@shared/money';
import { DAY_MS, HOUR_MS, type Clock } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { CampaignState } from '../../sandbox/campaign-state';
import type { World } from '../../sandbox/world';
import { fakeId } from './fake-ids';

export type FakeStatus = 'ACTIVE' | 'PAUSED' | 'ARCHIVED' | 'DELETED';

export interface FakeAccountOptions {
  world: World;
  clock: Clock;
  /** The ad account's number (its id is act_ and this). */
  accountNumber?: string;
  name?: string;
  /** Which campaigns keep their budget on their ad sets rather than the campaign (default: those labelled "adset-budget"). */
  adSetBudget?: (spec: CampaignSpec) => boolean;
  /** Bring the world up to the clock before each request (default); off when something else drives the world. */
  followClock?: boolean;
  /** The token's user's tasks on the account (`user_tasks`); all four by default. */
  userTasks?: string[];
}

export interface FakeCampaign {
  index: number;
  id: string;
  state: CampaignState;
  level: 'campaign' | 'adset';
  /** Budgets of the ad sets, whole minor units, by audience (level "adset" only). */
  adSetBudgets: number[];
  /** Meta's bid strategy and bid cap (minor units); the world bids max CPC at the cap under a bid cap, and for the lowest cost otherwise. */
  bidStrategy: string;
  bidAmount?: number;
}

export interface FakeActivity {
  eventType: string;
  at: number;
  objectId: string;
  objectName: string;
  objectType: string;
  extra: Record<string, unknown>;
}

/** An ad set's learning phase: it leaves learning after this many conversions within the week after its last significant edit. */
const LEARNING_CONVERSIONS = 50;
const LEARNING_DAYS = 7;

/**
 * A sandbox world dressed as a Meta ad account: campaigns keep the world's budget at campaign
 * level (Advantage campaign budget) or on their ad sets, whose budgets then are the world's
 * audience weights; Meta's own bookkeeping (archived objects, the budget changes of the last
 * hour, the activity log, significant edits) lives here beside the world.
 */
export class FakeAccount {
  readonly world: World;
  readonly zone: AccountZone;
  readonly currency: string;
  readonly accountNumber: string;
  readonly name: string;
  readonly campaigns: FakeCampaign[];
  readonly activities: FakeActivity[] = [];
  readonly retired = new Map<string, FakeStatus>();
  readonly budgetChanges = new Map<string, number[]>();
  readonly budgetBlockedUntil = new Map<string, number>();
  readonly lastSignificantEdit = new Map<string, number>();
  readonly updatedAt = new Map<string, number>();
  accountStatus = 1;
  readonly userTasks: string[];
  private readonly clock: Clock;
  private readonly followClock: boolean;

  constructor(options: FakeAccountOptions) {
    const { world } = options;
    this.world = world;
    this.clock = options.clock;
    this.followClock = options.followClock ?? true;
    this.zone = world.zone;
    this.currency = world.scenario.currency;
    this.accountNumber = options.accountNumber ?? '1000000000001';
    this.name = options.name ?? world.scenario.name;
    this.userTasks = options.userTasks ?? ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT'];
    const adSetLevel = options.adSetBudget ?? ((spec: CampaignSpec) => spec.labels.includes('adset-budget'));
    this.campaigns = world.campaigns.map((state, index) => {
      const capped = state.bid.strategy === 'max_cpc';
      const campaign: FakeCampaign = {
        index,
        id: fakeId('campaign', index),
        state,
        level: adSetLevel(state.spec) ? 'adset' : 'campaign',
        adSetBudgets: [],
        bidStrategy: capped ? 'LOWEST_COST_WITH_BID_CAP' : 'LOWEST_COST_WITHOUT_CAP',
        bidAmount: state.bid.strategy === 'max_cpc' ? Math.round(state.bid.amount * this.unit) : undefined,
      };
      if (campaign.level === 'adset') this.splitIntoAdSets(campaign);
      return campaign;
    });
    this.catchUp();
  }

  get id(): string {
    return `act_${this.accountNumber}`;
  }

  now(): number {
    return this.clock.now();
  }

  /** Brings the world up to the clock (the hours in between are played). */
  catchUp(): void {
    if (this.followClock) this.world.advanceTo(Math.floor((this.clock.now() - this.world.startMs) / HOUR_MS));
  }

  /** The account currency's minor units in one major unit (100 for USD, 1 for JPY). */
  get unit(): number {
    return 10 ** minorUnits(this.currency);
  }

  campaignStatus(c: FakeCampaign): FakeStatus {
    return this.retired.get(c.id) ?? (c.state.status === 'active' ? 'ACTIVE' : 'PAUSED');
  }

  adSetStatus(c: FakeCampaign, a: number): FakeStatus {
    return this.retired.get(fakeId('adset', c.index, a)) ?? (c.state.audiences[a].enabled ? 'ACTIVE' : 'PAUSED');
  }

  adStatus(c: FakeCampaign, a: number, k: number): FakeStatus {
    return this.retired.get(fakeId('ad', c.index, a, k)) ?? (c.state.creatives[k].enabled ? 'ACTIVE' : 'PAUSED');
  }

  /** The campaign's daily budget in minor units (level "campaign"). */
  campaignBudgetMinor(c: FakeCampaign): number {
    return Math.round(c.state.dailyBudget * this.unit);
  }

  /** Sets ad set budgets (minor units) and makes the world follow: the campaign spends their live sum, split by them. */
  setAdSetBudget(c: FakeCampaign, a: number, minor: number): void {
    c.adSetBudgets[a] = minor;
    this.syncAdSets(c);
  }

  /** After an ad set is paused, resumed or archived: the world's campaign budget is the sum of the live ad sets' budgets. */
  syncAdSets(c: FakeCampaign): void {
    if (c.level !== 'adset') return;
    let live = 0;
    c.state.audiences.forEach((audience, a) => {
      audience.weight = Math.max(c.adSetBudgets[a], 1e-9);
      if (audience.enabled) live += c.adSetBudgets[a];
    });
    c.state.dailyBudget = live / this.unit;
  }

  /** Sets the bid strategy or cap and makes the world bid accordingly. */
  setBid(c: FakeCampaign, strategy: string, amount: number | undefined): void {
    c.bidStrategy = strategy;
    c.bidAmount = amount;
    c.state.bid =
      strategy === 'LOWEST_COST_WITH_BID_CAP' && amount !== undefined ? { strategy: 'max_cpc', amount: amount / this.unit } : { strategy: 'lowest_cost' };
  }

  /** A budget change of an object at `at`: remembered for the four-an-hour rule. */
  recordBudgetChange(objectId: string, at: number): void {
    const recent = (this.budgetChanges.get(objectId) ?? []).filter((t) => t > at - HOUR_MS);
    recent.push(at);
    this.budgetChanges.set(objectId, recent);
  }

  budgetChangesInHour(objectId: string, at: number): number {
    return (this.budgetChanges.get(objectId) ?? []).filter((t) => t > at - HOUR_MS).length;
  }

  log(eventType: string, objectId: string, objectName: string, objectType: string, extra: Record<string, unknown> = {}): void {
    const at = this.now();
    this.activities.push({ eventType, at, objectId, objectName, objectType, extra });
    this.updatedAt.set(objectId, at);
  }

  /** Budget, bid and status changes restart an ad set's learning. */
  significantEdit(c: FakeCampaign, audience?: number): void {
    c.state.audiences.forEach((_, a) => {
      if (audience === undefined || audience === a) this.lastSignificantEdit.set(fakeId('adset', c.index, a), this.now());
    });
  }

  /** An ad set's learning phase as Meta reports it: LEARNING, SUCCESS after 50 conversions within the week after its last significant edit, FAIL after a week without. */
  learning(c: FakeCampaign, a: number): { status: string; conversions: number; lastEditMs: number } {
    const lastEditMs = this.lastSignificantEdit.get(fakeId('adset', c.index, a)) ?? this.world.startMs;
    const from = Math.max(0, Math.floor((lastEditMs - this.world.startMs) / HOUR_MS));
    const to = Math.min(this.world.hour, from + LEARNING_DAYS * 24);
    const nC = c.state.creatives.length;
    let conversions = 0;
    for (let t = from; t < to; t++) for (let k = 0; k < nC; k++) conversions += c.state.conversions[t * c.state.pairs + a * nC + k];
    const status = conversions >= LEARNING_CONVERSIONS ? 'SUCCESS' : this.now() - lastEditMs >= LEARNING_DAYS * DAY_MS ? 'FAIL' : 'LEARNING';
    return { status, conversions: Math.floor(conversions), lastEditMs };
  }

  private splitIntoAdSets(c: FakeCampaign): void {
    const total = Math.round(c.state.dailyBudget * this.unit);
    const enabledWeight = c.state.audiences.reduce((s, a) => s + (a.enabled ? a.weight : 0), 0) || 1;
    c.adSetBudgets = c.state.audiences.map((a) => Math.max(1, Math.round((total * a.weight) / enabledWeight)));
    this.syncAdSets(c);
  }
}
