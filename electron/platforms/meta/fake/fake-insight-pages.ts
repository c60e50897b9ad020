import type { FakeAccount } from './fake-account';
import { insightRows, type InsightsNode } from './fake-insights';
import type { RouteContext } from './fake-routes';

const lastReport = new WeakMap<FakeAccount, { key: string; rows: Record<string, unknown>[] }>();

/**
 * The insights rows of a request, made once for all of its pages: Meta pages one report, and
 * making the rows again for every page made reading a long report (28 days of hours) quadratic.
 * They stand while the world has not moved on and nothing was written; any other request, a
 * later simulated hour or a write makes them afresh.
 */
export function pagedInsightRows(ctx: RouteContext, node: InsightsNode): Record<string, unknown>[] {
  const query = new URLSearchParams(ctx.url.searchParams);
  const body = { ...ctx.bodyParams };
  for (const name of ['after', 'access_token']) {
    query.delete(name);
    delete body[name];
  }
  const key = JSON.stringify([ctx.url.pathname, [...query.entries()].sort(), body, node, ctx.account.world.hour]);
  let report = lastReport.get(ctx.account);
  if (report?.key !== key) lastReport.set(ctx.account, (report = { key, rows: insightRows(ctx.account, node, ctx.params) }));
  return report.rows;
}

/** A write may change what a report shows (a name, a status): the next request makes its rows afresh. */
export function forgetInsightPages(account: FakeAccount): void {
  lastReport.delete(account);
}
