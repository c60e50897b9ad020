/**
 * An experiment's days as the estimator reads them. Totals are kept as 6 numbers: the
 * treatment's spend, revenue and conversions, then the holdout's; each campaign fills its own
 * group's three and leaves the other's at zero, so that sums over campaigns are group totals.
 */
export const FIELDS = 6;

export interface Panel {
  campaigns: number;
  /** Per campaign, whether it is in the holdout. */
  held: readonly boolean[];
  /** Per campaign, its matched pair (the unpaired campaign has a cluster of its own). */
  cluster: readonly number[];
  clusters: number;
  days: number;
  /** Days [0, preDays) are the pre-period, the rest the test period. */
  preDays: number;
  /** Running totals of each campaign: index (campaign * (days + 1) + d) * 6 + k holds days [0, d). */
  campaignPrefix: Float64Array;
  /** Running totals of all campaigns: index d * 6 + k holds days [0, d). */
  dayPrefix: Float64Array;
}

/** The panel of `cells` (per campaign and day: index (campaign * days + day) * 6 + k), with running totals, so that any span of days sums in constant time. */
export function panelOf(cells: Float64Array, layout: Pick<Panel, 'held' | 'cluster' | 'days' | 'preDays'>): Panel {
  const { days } = layout;
  const campaigns = layout.held.length;
  const campaignPrefix = new Float64Array(campaigns * (days + 1) * FIELDS);
  const dayPrefix = new Float64Array((days + 1) * FIELDS);
  for (let c = 0; c < campaigns; c++) {
    for (let d = 0; d < days; d++) {
      const from = (c * days + d) * FIELDS;
      const at = (c * (days + 1) + d) * FIELDS;
      for (let k = 0; k < FIELDS; k++) {
        campaignPrefix[at + FIELDS + k] = campaignPrefix[at + k] + cells[from + k];
        dayPrefix[(d + 1) * FIELDS + k] += cells[from + k];
      }
    }
  }
  for (let d = 0; d < days; d++) for (let k = 0; k < FIELDS; k++) dayPrefix[(d + 1) * FIELDS + k] += dayPrefix[d * FIELDS + k];
  return { ...layout, campaigns, clusters: Math.max(0, ...layout.cluster.map((c) => c + 1)), campaignPrefix, dayPrefix };
}

/** Two spans of days [from, mid) and [mid, to) compared: per campaign its first span's totals then its second's (index campaign * 12 + span * 6 + k), and the sums of all. */
export interface SpanTotals {
  byCampaign: Float64Array;
  before: Float64Array;
  after: Float64Array;
}

export function spanTotals(panel: Panel, from: number, mid: number, to: number): SpanTotals {
  const { campaignPrefix, campaigns, days } = panel;
  const byCampaign = new Float64Array(campaigns * 2 * FIELDS);
  const before = new Float64Array(FIELDS);
  const after = new Float64Array(FIELDS);
  for (let c = 0; c < campaigns; c++) {
    const row = c * (days + 1);
    for (let k = 0; k < FIELDS; k++) {
      const atFrom = campaignPrefix[(row + from) * FIELDS + k];
      const atMid = campaignPrefix[(row + mid) * FIELDS + k];
      const first = atMid - atFrom;
      const second = campaignPrefix[(row + to) * FIELDS + k] - atMid;
      byCampaign[c * 2 * FIELDS + k] = first;
      byCampaign[c * 2 * FIELDS + FIELDS + k] = second;
      before[k] += first;
      after[k] += second;
    }
  }
  return { byCampaign, before, after };
}
