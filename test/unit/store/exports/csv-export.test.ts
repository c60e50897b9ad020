import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvRow } from '@store/exports/csv-export';
import type { ExportRow } from '@store/exports/export-rows';
import { parseCsv } from '../../../integration/audit/rfc4180';

const row = (overrides: Partial<ExportRow> = {}): ExportRow => ({
  id: 'd1',
  createdAt: Date.UTC(2026, 0, 5),
  agentId: 'a1',
  agentName: 'Efficiency',
  campaignId: 'c1',
  kind: 'budget',
  before: JSON.stringify({ kind: 'budget', dailyBudget: 100 }),
  after: JSON.stringify({ kind: 'budget', dailyBudget: 80 }),
  state: 'executed',
  approvedBy: null,
  reasoning: 'ROAS 2.1 under the goal of 4',
  confidence: 0.8,
  metric: 'profit',
  predicted: -12.5,
  low80: -40,
  high80: 15,
  baseline: -30,
  actual: -7.25,
  withinInterval: 1,
  directionCorrect: 1,
  parentDecisionId: null,
  entryHash: 'ab12',
  ...overrides,
});

/** The cells as a spreadsheet reads them, by column name. */
const cells = (r: ExportRow): Record<string, string> => {
  const [fields] = parseCsv(csvRow(r));
  return Object.fromEntries(CSV_HEADER.map((name, i) => [name, fields[i]]));
};

describe('CSV export cells a spreadsheet could run as formulas', () => {
  it('makes text that starts like a formula inert: a quote in front, and quoted', () => {
    const hostile = row({
      agentName: '=HYPERLINK("http://x")',
      campaignId: '+cmd',
      after: JSON.stringify({ kind: 'targeting', audienceId: '-2+3', enabled: false }),
      approvedBy: '@ops',
      reasoning: '\tcut 20%',
    });
    expect(cells(hostile)).toMatchObject({
      agent: `'=HYPERLINK("http://x")`,
      campaign: `'+cmd`,
      after: `'-2+3 off`,
      approved_by: `'@ops`,
      reasoning: `'\tcut 20%`,
    });
    const line = csvRow(hostile);
    expect(line).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(line).toContain(`,"'+cmd",`);
    expect(csvRow(row({ reasoning: '\rline' }))).toContain(`,"'\rline",`);
  });

  it('leaves negative numbers numbers, and text that only contains those characters alone', () => {
    const line = csvRow(row({ agentName: 'Scale=2', reasoning: 'cut by -20% (ROAS 2.1)' }));
    expect(line).toContain(',Scale=2,');
    expect(line).toContain(',cut by -20% (ROAS 2.1),');
    expect(cells(row())).toMatchObject({ predicted: '-12.5', interval_low: '-40', interval_high: '15', actual: '-7.25' });
    expect(line).toContain(',profit,-12.5,-40,15,-7.25,');
  });
});
