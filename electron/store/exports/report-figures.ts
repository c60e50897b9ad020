import type { DecisionState } from '@shared/domain/decision';
import type { ExportRow } from './export-rows';

export interface ChartPoint {
  predicted: number;
  low80: number;
  high80: number;
  actual: number;
}

/** At most this many points reach the chart: past a few hundred a scatter shows nothing more. */
export const MAX_CHART_POINTS = 600;

/** The report's summary, gathered in one pass over the rows in constant memory. */
export class ReportFigures {
  decisions = 0;
  readonly states = new Map<DecisionState, number>();
  autonomous = 0;
  first: number | undefined;
  last: number | undefined;
  evaluated = 0;
  directional = 0;
  inside = 0;
  private apeSum = 0;
  private apeCount = 0;
  readonly agents = new Set<string>();
  readonly campaigns = new Set<string>();
  /** Every `stride`-th evaluated decision; the stride doubles whenever the sample fills up. */
  points: ChartPoint[] = [];
  private stride = 1;

  add(row: ExportRow): void {
    this.decisions++;
    this.states.set(row.state, (this.states.get(row.state) ?? 0) + 1);
    if ((row.state === 'executed' || row.state === 'undone') && row.approvedBy === null) this.autonomous++;
    this.first ??= row.createdAt;
    this.last = row.createdAt;
    this.agents.add(row.agentName);
    this.campaigns.add(row.campaignId);
    if (row.actual === null) return;
    this.evaluated++;
    if (row.directionCorrect) this.directional++;
    if (row.withinInterval) this.inside++;
    if (row.actual !== 0) {
      this.apeSum += Math.abs(row.actual - row.predicted) / Math.abs(row.actual);
      this.apeCount++;
    }
    if ((this.evaluated - 1) % this.stride !== 0) return;
    this.points.push({ predicted: row.predicted, low80: row.low80, high80: row.high80, actual: row.actual });
    if (this.points.length >= MAX_CHART_POINTS) {
      this.points = this.points.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
    }
  }

  get mape(): number | null {
    return this.apeCount === 0 ? null : this.apeSum / this.apeCount;
  }
}
