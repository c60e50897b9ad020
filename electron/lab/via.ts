import type { PlatformAdapter } from '@shared/platform/adapter';
import type { Scenario } from '@shared/scenario/schema';
import type { ManualClock } from '@shared/time';
import type { World } from '../platforms/sandbox/world';
import type { RecordedAccount } from './simulate';
import type { AgentsFactory, AgentsStrategy, ApprovalMode } from './strategy';

/** How the agents reach the account: the sandbox adapter directly, or a platform's adapter over its local fake. */
export const VIA_NAMES = ['sandbox', 'meta', 'google'] as const;
export type Via = (typeof VIA_NAMES)[number];

/** A world dressed as a platform's account, and that platform's adapter on it, on one clock the lab sets. */
export interface PlatformRun {
  /** The platform as messages name it: "Meta", "Google". */
  platform: string;
  adapter: PlatformAdapter;
  clock: ManualClock;
  /** The platform's campaign id of each scenario campaign id. */
  ids: Map<string, string>;
}

type CampaignNaming = Pick<PlatformRun, 'platform' | 'ids'>;

/** A scenario campaign's id on the platform. */
export function platformIdOf(naming: CampaignNaming, id: string): string {
  const found = naming.ids.get(id);
  if (found === undefined) throw new Error(`scenario campaign "${id}" has no ${naming.platform} campaign`);
  return found;
}

/** The scenario as the agents meet it on the platform: their campaigns named by the platform's ids. */
export function scenarioOnPlatform(scenario: Scenario, naming: CampaignNaming): Scenario {
  return {
    ...scenario,
    agents: scenario.agents.map((a) => ({ ...a, campaigns: a.campaigns === '*' ? '*' : a.campaigns.map((id) => platformIdOf(naming, id)) })),
  };
}

/**
 * The agents played through the platform's adapter: each hour the clock is set to the hour's start
 * and the agents see the platform's account, not the sandbox; everything else of the run stays as it is.
 */
export async function agentsVia(run: PlatformRun, factory: AgentsFactory, env: { scenario: Scenario; approvals: ApprovalMode }): Promise<AgentsStrategy> {
  const scenario = scenarioOnPlatform(env.scenario, run);
  const agents = await factory({ platform: run.adapter, scenario, approvals: env.approvals });
  return {
    async onHour(ctx) {
      run.clock.set(ctx.now);
      await agents.onHour({ ...ctx, platform: run.adapter, scenario });
    },
    stats: () => agents.stats(),
  };
}

/** The account as a recorder reads it after an hour: the platform's adapter, with the clock at the world's now. */
export function reportsVia(run: PlatformRun, world: World): RecordedAccount {
  return {
    world,
    getMetrics(query) {
      run.clock.set(world.now());
      return run.adapter.getMetrics(query);
    },
    listCampaigns() {
      run.clock.set(world.now());
      return run.adapter.listCampaigns();
    },
  };
}
