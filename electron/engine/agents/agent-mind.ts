import type { CampaignInfo } from '@shared/domain/campaign';
import type { AgentStatus, ReviewReport } from '@shared/domain/agent';
import { NO_HOLDOUT, type Holdout } from '@shared/domain/experiment';
import type { AgentDefinition } from '@shared/scenario/schema';
import type { AccountZone } from '@shared/zone';
import { Calibrator, ResponseModel, type ForecastEvent } from '../forecast';
import { Observer } from './observer';

/** What an agent has learned so far: its observations, one forecast model per campaign, its calibration. */
export class AgentMind {
  readonly observer: Observer;
  readonly models = new Map<string, ResponseModel>();
  readonly calibrator = new Calibrator();
  /**
   * Raises are made where the forecast looks best, so their forecasts run high more often than
   * other decisions' do (the winner's curse): their calibrated forecasts are scaled once more by
   * the bias this one learns from raises' own outcomes. (Cuts, judged on ROAS or cost per
   * conversion, showed no such lean worth correcting on the bundled scenarios.)
   */
  readonly raiseCalibrator = new Calibrator();
  /** When the agent last reviewed its campaigns, epoch ms. */
  lastReview = -Infinity;
  /** What that review asked for and how much of it went ahead. */
  lastReport: ReviewReport | undefined;
  private wanted: { list: readonly string[]; ids: ReadonlySet<string> } | undefined;
  /** Executed decisions whose outcome is not judged yet. */
  readonly openDecisions = new Set<string>();

  constructor(
    readonly id: string,
    public definition: AgentDefinition,
    public status: AgentStatus,
    private readonly calendar: readonly ForecastEvent[],
    /** The account's zone: its days are the agent's days. */
    readonly zone: AccountZone,
    /** How many days the platform's reports keep changing (PlatformAdapter.reportsSettleDays). */
    reportsSettleDays?: number,
    /** The campaigns experiments hold out now: not the agent's while they last. */
    private readonly holdout: () => Holdout = () => NO_HOLDOUT,
  ) {
    // Creatives and audiences are read only by agents that may act on them.
    const actions = definition.constraints.actions;
    this.observer = new Observer(
      zone,
      ['none', ...(actions.includes('creative') ? (['creative'] as const) : []), ...(actions.includes('targeting') ? (['audience'] as const) : [])],
      reportsSettleDays,
    );
  }

  get name(): string {
    return this.definition.name;
  }

  trackOpen(decisionId: string): void {
    this.openDecisions.add(decisionId);
  }

  /** The agent's campaigns among the account's, less those an experiment holds out. */
  campaignsOf(account: readonly CampaignInfo[]): CampaignInfo[] {
    const wanted = this.definition.campaigns;
    const held = this.holdout();
    if (wanted === '*') return held.size === 0 ? [...account] : account.filter((c) => !held.has(c.id));
    // Asked several times a review over accounts of thousands of campaigns: a set, made again only when the definition changes.
    if (this.wanted?.list !== wanted) this.wanted = { list: wanted, ids: new Set(wanted) };
    const ids = this.wanted.ids;
    return account.filter((c) => ids.has(c.id) && !held.has(c.id));
  }

  /** Feeds every campaign's model the days observed so far (re-read days replace their earlier reads). */
  learn(campaignIds: readonly string[], now: number): void {
    for (const id of campaignIds) {
      let model = this.models.get(id);
      if (!model) this.models.set(id, (model = new ResponseModel({ calendar: this.calendar, zone: this.zone })));
      model.observe(this.observer.daily(id, now));
    }
  }
}
