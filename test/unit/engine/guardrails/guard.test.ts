import { describe, expect, it } from 'vitest';
import type { CampaignChange, CampaignInfo } from '@shared/domain/campaign';
import { ConstraintsSchema, type Policy } from '@shared/scenario/schema';
import { guard } from '@engine/guardrails/guard';
import type { AppliedChange, GuardInput } from '@engine/guardrails/types';
import { HOUR_MS } from '@shared/time';

const NOW = Date.UTC(2026, 2, 10, 12);

function campaign(id: string, over: Partial<CampaignInfo> = {}): CampaignInfo {
  return {
    id,
    name: id,
    platform: 'sandbox',
    status: 'active',
    dailyBudget: 1000,
    minDailyBudget: 1,
    labels: [],
    bid: { strategy: 'lowest_cost' },
    audiences: [{ id: 'a1', name: 'A1', weight: 1, enabled: true }],
    creatives: [{ id: 'k1', name: 'K1', enabled: true, liveSince: 0 }],
    ...over,
  };
}

function input(change: CampaignChange, over: Partial<GuardInput> = {}, constraints: Record<string, unknown> = {}): GuardInput {
  const target = campaign('c1');
  return {
    now: NOW,
    change,
    campaign: target,
    account: [target, campaign('c2')],
    agentCampaignIds: ['c1', 'c2'],
    constraints: ConstraintsSchema.parse(constraints),
    policies: [],
    history: [],
    evidenceConversions: 50,
    confidence: 0.9,
    ...over,
  };
}

const budget = (dailyBudget: number): CampaignChange => ({ kind: 'budget', campaignId: 'c1', dailyBudget });
const applied = (hoursAgo: number, from: number, to: number, setting = 'budget'): AppliedChange => ({
  campaignId: 'c1',
  setting,
  at: NOW - hoursAgo * HOUR_MS,
  before: { kind: 'budget', dailyBudget: from },
  after: { kind: 'budget', dailyBudget: to },
});

function rules(verdict: ReturnType<typeof guard>): string[] {
  return verdict.outcome === 'allow' ? [] : verdict.findings.map((f) => f.rule);
}

describe('guard: constraints', () => {
  it('allows a step inside every limit', () => {
    expect(guard(input(budget(1150)))).toEqual({ outcome: 'allow' });
  });

  it('blocks an action kind the agent may not take', () => {
    const verdict = guard(input({ kind: 'status', campaignId: 'c1', status: 'paused' }, {}, { actions: ['budget'] }));
    expect(verdict.outcome).toBe('block');
    expect(rules(verdict)).toEqual(['constraint.actions']);
  });

  it('blocks a budget step above maxBudgetChangePct', () => {
    expect(rules(guard(input(budget(1250))))).toEqual(['constraint.maxBudgetChangePct']);
    expect(guard(input(budget(1200))).outcome).toBe('allow');
  });

  it('blocks budgets outside the per-campaign bounds, the platform minimum by default', () => {
    expect(rules(guard(input(budget(900), {}, { maxDailyBudget: 800 })))).toContain('constraint.maxDailyBudget');
    expect(rules(guard(input(budget(850), {}, { minDailyBudget: 900 })))).toContain('constraint.minDailyBudget');
    const small = campaign('c1', { dailyBudget: 10, minDailyBudget: 9 });
    expect(rules(guard(input(budget(8.5), { campaign: small, account: [small] })))).toContain('constraint.minDailyBudget');
  });

  it('blocks a raise that takes the agent past maxDailySpend, but never a cut', () => {
    expect(rules(guard(input(budget(1100), {}, { maxDailySpend: 2050 })))).toEqual(['constraint.maxDailySpend']);
    expect(guard(input(budget(900), {}, { maxDailySpend: 1500 })).outcome).toBe('allow');
  });

  it('blocks a change of the same setting inside the cooldown, not of another setting', () => {
    expect(rules(guard(input(budget(1100), { history: [applied(10, 900, 1000)] })))).toEqual(['constraint.cooldownHours']);
    expect(guard(input(budget(1100), { history: [applied(30, 900, 1000)] })).outcome).toBe('allow');
    const otherSetting = guard(input({ kind: 'creative', campaignId: 'c1', creativeId: 'k1', enabled: false }, { history: [applied(2, 900, 1000)] }));
    expect(otherSetting.outcome).toBe('allow');
  });

  it('blocks acting on too little evidence', () => {
    expect(rules(guard(input(budget(1100), { evidenceConversions: 4 })))).toEqual(['constraint.minConversionsToAct']);
  });

  it('escalates low confidence and large raises instead of executing, while a cut of the same size applies', () => {
    const low = guard(input(budget(1100), { confidence: 0.4 }));
    expect(low.outcome).toBe('escalate');
    expect(rules(low)).toEqual(['constraint.minConfidence']);
    expect(rules(guard(input(budget(1150), {}, { approvalAboveBudgetChange: 100 })))).toEqual(['constraint.approvalAboveBudgetChange']);
    expect(guard(input(budget(850), {}, { approvalAboveBudgetChange: 100 })).outcome).toBe('allow');
  });

  it('reports every breach at once and blocks before it would escalate', () => {
    const verdict = guard(input(budget(1500), { confidence: 0.1, evidenceConversions: 0 }, { maxDailyBudget: 1200 }));
    expect(verdict.outcome).toBe('block');
    expect(rules(verdict).sort()).toEqual(['constraint.maxBudgetChangePct', 'constraint.maxDailyBudget', 'constraint.minConversionsToAct']);
  });
});

describe('guard: policies', () => {
  const withPolicy = (policy: Policy, change: CampaignChange, over: Partial<GuardInput> = {}) => guard(input(change, { policies: [policy], ...over }));

  it('maxBudgetChangePctPerDay counts every step of the last 24 h', () => {
    const policy: Policy = { id: 'learning', rule: 'maxBudgetChangePctPerDay', value: 30 };
    const history = [applied(30, 800, 1000)];
    expect(withPolicy(policy, budget(1200), { history }).outcome).toBe('allow');
    expect(rules(withPolicy(policy, budget(1200), { history: [applied(20, 800, 1000)] }))).toContain('policy.learning');
  });

  it('protectedLabel refuses pausing or cutting a protected campaign, allows raising it', () => {
    const policy: Policy = { id: 'brand', rule: 'protectedLabel', label: 'protected' };
    const brand = campaign('c1', { labels: ['protected'] });
    const over = { campaign: brand, account: [brand] };
    expect(rules(withPolicy(policy, budget(900), over))).toEqual(['policy.brand']);
    expect(rules(withPolicy(policy, { kind: 'status', campaignId: 'c1', status: 'paused' }, over))).toEqual(['policy.brand']);
    expect(withPolicy(policy, budget(1100), over).outcome).toBe('allow');
  });

  it('minDailyBudget refuses a budget below the policy floor', () => {
    expect(rules(withPolicy({ id: 'floor', rule: 'minDailyBudget', value: 950 }, budget(900)))).toEqual(['policy.floor']);
  });

  it('maxChangesPerDay counts changes of any setting of the campaign', () => {
    const policy: Policy = { id: 'calm', rule: 'maxChangesPerDay', value: 2 };
    const history = [applied(3, 900, 1000, 'bid'), applied(5, 900, 1000, 'creative:k1')];
    expect(rules(withPolicy(policy, { kind: 'targeting', campaignId: 'c1', audienceId: 'a1', enabled: false }, { history }))).toEqual(['policy.calm']);
  });

  it('accountDailySpendCap and the scenario account cap refuse raising the account total above the cap', () => {
    expect(rules(withPolicy({ id: 'cap', rule: 'accountDailySpendCap', value: 2100 }, budget(1150)))).toEqual(['policy.cap']);
    expect(rules(guard(input(budget(1150), { accountDailySpendCap: 2100 })))).toEqual(['account.dailySpendCap']);
    const paused = campaign('c2', { status: 'paused' });
    const resume = guard(
      input({ kind: 'status', campaignId: 'c2', status: 'active' }, { campaign: paused, account: [campaign('c1'), paused], accountDailySpendCap: 1500 }),
    );
    expect(rules(resume)).toEqual(['account.dailySpendCap']);
  });
});

describe('guard: sanity bounds', () => {
  it('refuses a budget that jumps by an order of magnitude even with no limit set', () => {
    // Steps past what the format allows, as an agent saved before that bound may still hold.
    const unlimited = (pct: number) => ({ constraints: { ...ConstraintsSchema.parse({}), maxBudgetChangePct: pct } });
    const verdict = guard(input(budget(12000), unlimited(100000)));
    expect(rules(verdict)).toEqual(['sanity.budgetMagnitude']);
    expect(rules(guard(input(budget(99), unlimited(100))))).toEqual(['sanity.budgetMagnitude']);
  });

  it('refuses non-numbers and unknown audiences or creatives', () => {
    expect(rules(guard(input(budget(Number.NaN))))).toContain('sanity.value');
    expect(rules(guard(input({ kind: 'targeting', campaignId: 'c1', audienceId: 'zz', enabled: true })))).toEqual(['sanity.unknownAudience']);
    expect(rules(guard(input({ kind: 'creative', campaignId: 'c1', creativeId: 'zz', enabled: true })))).toEqual(['sanity.unknownCreative']);
  });
});

describe('guard: a budget shared by several campaigns', () => {
  const shared = { id: 'b9', name: 'Shared - Search', campaignIds: ['c1', 'c2'] };
  const c1 = campaign('c1', { sharedBudget: shared });
  const c2 = campaign('c2', { name: 'Search - Boots', sharedBudget: shared });
  const onShared = (change: CampaignChange, over: Partial<GuardInput> = {}, constraints: Record<string, unknown> = {}) =>
    guard(input(change, { campaign: c1, account: [c1, c2, campaign('c3')], agentCampaignIds: ['c1', 'c2', 'c3'], ...over }, constraints));

  it('refuses an agent that does not manage every campaign on the budget, naming the others', () => {
    const verdict = onShared(budget(1100), { agentCampaignIds: ['c1', 'c3'] });
    expect(rules(verdict)).toEqual(['constraint.campaigns']);
    expect(verdict.outcome === 'block' && verdict.findings[0].message).toContain("'Search - Boots'");
    expect(onShared(budget(1100)).outcome).toBe('allow');
  });

  it('counts the budget once in the sums: the agent limit and the account cap see one raise, not two', () => {
    // Two campaigns on one 1000 budget and a third on its own: 2000 a day, 2100 after the raise.
    expect(onShared(budget(1100), {}, { maxDailySpend: 2100 }).outcome).toBe('allow');
    expect(rules(onShared(budget(1100), {}, { maxDailySpend: 2050 }))).toEqual(['constraint.maxDailySpend']);
    expect(onShared(budget(1100), { accountDailySpendCap: 2100 }).outcome).toBe('allow');
  });

  it('judges the change for every campaign on the budget: its cooldown and its policies', () => {
    const boots = (hoursAgo: number): AppliedChange => ({ ...applied(hoursAgo, 900, 1000), campaignId: 'c2' });
    const cooled = onShared(budget(1100), { history: [boots(3)] });
    expect(rules(cooled)).toEqual(['constraint.cooldownHours']);
    expect(cooled.outcome === 'block' && cooled.findings[0].message).toMatch(/^'Search - Boots' shares the budget: budget last changed 3\.0 h ago/);
    expect(onShared(budget(1100), { history: [boots(30)] }).outcome).toBe('allow');

    const protectedBoots = campaign('c2', { name: 'Search - Boots', sharedBudget: shared, labels: ['protected'] });
    const policies: Policy[] = [{ id: 'brand', rule: 'protectedLabel', label: 'protected' }];
    expect(rules(onShared(budget(900), { account: [c1, protectedBoots], policies }))).toEqual(['policy.brand']);
    expect(onShared(budget(1100), { account: [c1, protectedBoots], policies }).outcome).toBe('allow');
  });

  it('leaves a change of anything but the budget to the campaign alone', () => {
    expect(
      onShared({ kind: 'status', campaignId: 'c1', status: 'paused' }, { agentCampaignIds: ['c1'], history: [{ ...applied(3, 900, 1000), campaignId: 'c2' }] })
        .outcome,
    ).toBe('allow');
  });
});

describe('guard: a running experiment’s holdout', () => {
  const holdout = new Map([['c2', 'Agents vs manual, Q1']]);

  it('blocks every kind of change to a holdout campaign, naming the experiment, even one inside every other limit', () => {
    const onBoots = (change: CampaignChange) => guard(input(change, { campaign: campaign('c2', { name: 'Search - Boots' }), holdout }));
    for (const change of [
      { kind: 'budget', campaignId: 'c2', dailyBudget: 1100 },
      { kind: 'bid', campaignId: 'c2', bid: { strategy: 'max_cpc', amount: 1.2 } },
      { kind: 'status', campaignId: 'c2', status: 'paused' },
      { kind: 'targeting', campaignId: 'c2', audienceId: 'a1', enabled: false },
      { kind: 'creative', campaignId: 'c2', creativeId: 'k1', enabled: false },
    ] satisfies CampaignChange[]) {
      const verdict = onBoots(change);
      expect(rules(verdict)).toEqual(['experiment.holdout']);
      expect(verdict.outcome === 'block' && verdict.findings[0].message).toBe(
        "'Search - Boots' is in the holdout of experiment 'Agents vs manual, Q1': no agent changes it until the experiment ends",
      );
    }
  });

  it('lets the treatment campaigns be changed as before', () => {
    expect(guard(input(budget(1100), { holdout })).outcome).toBe('allow');
  });

  it('blocks a shared budget that a holdout campaign is on, from a campaign outside the holdout', () => {
    const shared = { id: 'b9', name: 'Shared - Search', campaignIds: ['c1', 'c2'] };
    const c1 = campaign('c1', { sharedBudget: shared });
    const verdict = guard(input(budget(1100), { campaign: c1, account: [c1, campaign('c2', { name: 'Search - Boots', sharedBudget: shared })], holdout }));
    expect(rules(verdict)).toEqual(['experiment.holdout']);
    expect(verdict.outcome === 'block' && verdict.findings[0].message).toContain("'Search - Boots' (it shares the budget 'Shared - Search')");
  });
});

describe('guard: the account’s cap on a day’s spend where the platform spends past budgets', () => {
  // Google may spend up to twice a budget on a day: c1 spent 1.5× its budget lately, c2 never past it.
  const spendCeilings = { of: (id: string) => (id === 'c1' ? 1.5 : 1) };

  it('holds the cap against what the campaigns may spend in a day, not against their budgets', () => {
    // Budgets 1,100 + 1,000 = 2,100 under a cap of 2,500; but c1 may spend 1,650 and c2 1,000.
    expect(guard(input(budget(1100), { accountDailySpendCap: 2500 })).outcome).toBe('allow');
    const verdict = guard(input(budget(1100), { accountDailySpendCap: 2500, spendCeilings }));
    expect(rules(verdict)).toEqual(['account.dailySpendCap']);
    expect(verdict.outcome === 'block' && verdict.findings[0].message).toBe(
      "the account's campaigns could spend 2650.00 in a day (budgets of 2100.00, which the platform has lately overspent), above the cap of 2500.00",
    );
    expect(guard(input(budget(1100), { accountDailySpendCap: 2650, spendCeilings })).outcome).toBe('allow');
  });

  it('leaves the budget limits (a policy on the sum of budgets, the agent’s own) on budgets', () => {
    const policies: Policy[] = [{ id: 'cap', rule: 'accountDailySpendCap', value: 2100 }];
    expect(guard(input(budget(1100), { policies, spendCeilings }, { maxDailySpend: 2100 })).outcome).toBe('allow');
  });

  it('welcomes a cut even while the campaigns could still spend past the cap', () => {
    expect(guard(input(budget(900), { accountDailySpendCap: 2000, spendCeilings })).outcome).toBe('allow');
  });
});
