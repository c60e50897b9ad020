import { describe, expect, it } from 'vitest';
import { CSV_HEADER, CsvRows } from '@store/exports/csv-export';
import type { ExportRow } from '@store/exports/export-rows';
import { DEFAULT_LABELS, type WorkspaceLabels } from '@store/exports/workspace-labels';
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

const TOKYO: WorkspaceLabels = { name: 'Shibuya Shoes', currency: 'JPY', timezone: 'Asia/Tokyo' };
const NEW_YORK: WorkspaceLabels = { name: 'Hudson Outfitters', currency: 'USD', timezone: 'America/New_York' };

/** The cells as a spreadsheet reads them, by column name. */
const cells = (r: ExportRow, labels: WorkspaceLabels = DEFAULT_LABELS): Record<string, string> => {
  const [fields] = parseCsv(new CsvRows(labels).line(r));
  expect(fields).toHaveLength(CSV_HEADER.length);
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
    expect(cells(hostile, { ...TOKYO, name: '=cmd|calc' })).toMatchObject({
      agent: `'=HYPERLINK("http://x")`,
      campaign: `'+cmd`,
      after: `'-2+3 off`,
      approved_by: `'@ops`,
      reasoning: `'\tcut 20%`,
      workspace: `'=cmd|calc`,
    });
    const csv = new CsvRows(DEFAULT_LABELS);
    const line = csv.line(hostile);
    expect(line).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(line).toContain(`,"'+cmd",`);
    expect(csv.line(row({ reasoning: '\rline' }))).toContain(`,"'\rline",`);
  });

  it('leaves negative numbers numbers, and text that only contains those characters alone', () => {
    const line = new CsvRows(DEFAULT_LABELS).line(row({ agentName: 'Scale=2', reasoning: 'cut by -20% (ROAS 2.1)' }));
    expect(line).toContain(',Scale=2,');
    expect(line).toContain(',cut by -20% (ROAS 2.1),');
    expect(cells(row())).toMatchObject({ predicted: '-12.50', interval_low: '-40.00', interval_high: '15.00', actual: '-7.25' });
    expect(line).toContain(',profit,-12.50,-40.00,15.00,-7.25,');
  });
});

describe("CSV export in the workspace's currency and time zone", () => {
  it('writes a JPY account in Tokyo time, amounts without a minor unit', () => {
    const r = row({
      createdAt: Date.UTC(2026, 0, 5, 15, 0),
      before: JSON.stringify({ kind: 'budget', dailyBudget: 12000 }),
      after: JSON.stringify({ kind: 'budget', dailyBudget: 13200.4 }),
      metric: 'revenue',
      predicted: 52340.6,
      low80: 48000.5,
      high80: 56999.49,
      actual: null,
    });
    expect(cells(r, TOKYO)).toMatchObject({
      timestamp: '2026-01-06T00:00:00.000+09:00',
      before: '12000',
      after: '13200',
      predicted: '52341',
      interval_low: '48001',
      interval_high: '56999',
      actual: '',
      currency: 'JPY',
      timezone: 'Asia/Tokyo',
      workspace: 'Shibuya Shoes',
    });
    const bid = cells(row({ after: JSON.stringify({ kind: 'bid', bid: { strategy: 'max_cpc', amount: 85.5 } }) }), TOKYO);
    expect(bid.after).toBe('max CPC 86');
  });

  it('writes a USD account in New York time with the offset of each side of the March and November changes', () => {
    const at = (iso: string) => cells(row({ createdAt: Date.parse(iso) }), NEW_YORK).timestamp;
    expect(at('2026-03-08T06:59:59.999Z')).toBe('2026-03-08T01:59:59.999-05:00');
    expect(at('2026-03-08T07:00:00Z')).toBe('2026-03-08T03:00:00.000-04:00');
    // The hour 01:00–02:00 of 1 November 2026 happens twice: the offset tells them apart.
    expect(at('2026-11-01T05:30:00.250Z')).toBe('2026-11-01T01:30:00.250-04:00');
    expect(at('2026-11-01T06:30:00Z')).toBe('2026-11-01T01:30:00.000-05:00');
    expect(cells(row(), NEW_YORK)).toMatchObject({ before: '100.00', after: '80.00', currency: 'USD', timezone: 'America/New_York' });
  });

  it('keeps ratios and counts as stored, and writes three decimals for a KWD account', () => {
    expect(cells(row({ metric: 'roas', predicted: 4.123456, low80: 3.5, high80: 4.75, actual: 4.2 }), NEW_YORK)).toMatchObject({
      predicted: '4.123456',
      interval_low: '3.5',
      actual: '4.2',
    });
    expect(cells(row({ metric: 'spend', predicted: 1.0005 }), { name: 'Kuwait', currency: 'KWD', timezone: 'Asia/Kuwait' })).toMatchObject({
      predicted: '1.001',
      before: '100.000',
      timestamp: '2026-01-05T03:00:00.000+03:00',
    });
  });

  it('names the new columns last, after the ones a sheet may read by position', () => {
    expect(CSV_HEADER.slice(0, 3)).toEqual(['timestamp', 'decision_id', 'agent']);
    expect(CSV_HEADER.slice(-4)).toEqual(['entry_hash', 'currency', 'timezone', 'workspace']);
  });
});
