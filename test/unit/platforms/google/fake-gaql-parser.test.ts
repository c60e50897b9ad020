import { describe, expect, it } from 'vitest';
import { GaqlError, parseGaql } from '@platforms/google/fake/fake-gaql-parser';

function reason(query: string): string | undefined {
  try {
    parseGaql(query);
    return undefined;
  } catch (error) {
    return error instanceof GaqlError ? error.reason : `not a GaqlError: ${(error as Error).message}`;
  }
}

describe('parseGaql', () => {
  it('reads fields, resource, conditions joined by AND, ORDER BY, LIMIT and PARAMETERS, keywords in any case', () => {
    const query = parseGaql(`
      select campaign.id, segments.date, metrics.cost_micros
      FROM campaign
      WHERE campaign.status IN ('ENABLED', 'PAUSED') AND segments.date BETWEEN '2026-03-01' and "2026-03-19"
        AND metrics.clicks >= 10 AND campaign.name LIKE 'Pro%' AND campaign.id NOT IN (1, 2) AND segments.date DURING LAST_30_DAYS
        AND campaign.bidding_strategy_type != MANUAL_CPC
      ORDER BY metrics.cost_micros DESC, campaign.id
      LIMIT 50
      PARAMETERS include_drafts = true`);
    expect(query).toEqual({
      select: ['campaign.id', 'segments.date', 'metrics.cost_micros'],
      from: 'campaign',
      where: [
        {
          field: 'campaign.status',
          op: 'IN',
          values: [
            { kind: 'string', text: 'ENABLED' },
            { kind: 'string', text: 'PAUSED' },
          ],
        },
        { field: 'segments.date', op: 'BETWEEN', from: { kind: 'string', text: '2026-03-01' }, to: { kind: 'string', text: '2026-03-19' } },
        { field: 'metrics.clicks', op: '>=', value: { kind: 'number', value: 10 } },
        { field: 'campaign.name', op: 'LIKE', value: { kind: 'string', text: 'Pro%' } },
        {
          field: 'campaign.id',
          op: 'NOT IN',
          values: [
            { kind: 'number', value: 1 },
            { kind: 'number', value: 2 },
          ],
        },
        { field: 'segments.date', op: 'DURING', range: 'LAST_30_DAYS' },
        { field: 'campaign.bidding_strategy_type', op: '!=', value: { kind: 'constant', name: 'MANUAL_CPC' } },
      ],
      orderBy: [
        { field: 'metrics.cost_micros', descending: true },
        { field: 'campaign.id', descending: false },
      ],
      limit: 50,
      parameters: { include_drafts: 'TRUE' },
    });
  });

  it('keeps escaped quotes in strings', () => {
    expect(parseGaql("SELECT campaign.id FROM campaign WHERE campaign.name = 'Bob\\'s'").where[0]).toEqual({
      field: 'campaign.name',
      op: '=',
      value: { kind: 'string', text: "Bob's" },
    });
  });

  it("names each syntax error with Google's QueryError", () => {
    expect(reason('campaign.id FROM campaign')).toBe('EXPECTED_SELECT');
    expect(reason('SELECT campaign.id campaign')).toBe('EXPECTED_FROM');
    expect(reason('SELECT campaign.id FROM')).toBe('UNEXPECTED_END_OF_QUERY');
    expect(reason('SELECT id FROM campaign')).toBe('BAD_FIELD_NAME');
    expect(reason("SELECT campaign.id FROM campaign WHERE campaign.name = 'open")).toBe('STRING_NOT_TERMINATED');
    expect(reason('SELECT campaign.id FROM campaign WHERE campaign.id = 1 OR campaign.id = 2')).toBe('EXPECTED_AND');
    expect(reason('SELECT campaign.id FROM campaign WHERE campaign.id IN ()')).toBe('PROHIBITED_EMPTY_LIST_IN_CONDITION');
    expect(reason('SELECT campaign.id FROM campaign WHERE campaign.id IN 1')).toBe('EXPECTED_LIST');
    expect(reason("SELECT campaign.id FROM campaign WHERE segments.date BETWEEN '2026-01-01' '2026-01-02'")).toBe('EXPECTED_VALUE_WITH_BETWEEN_OPERATOR');
    expect(reason("SELECT campaign.id FROM campaign WHERE segments.date DURING 'LAST_7_DAYS'")).toBe('INVALID_VALUE_WITH_DURING_OPERATOR');
    expect(reason('SELECT campaign.id FROM campaign WHERE campaign.id CONTAINS 1')).toBe('BAD_OPERATOR');
    expect(reason('SELECT campaign.id FROM campaign LIMIT 0')).toBe('LIMIT_VALUE_TOO_LOW');
    expect(reason('SELECT campaign.id FROM campaign LIMIT 1.5')).toBe('BAD_LIMIT_VALUE');
    expect(reason('SELECT campaign.id FROM campaign ORDER campaign.id')).toBe('EXPECTED_BY');
    expect(reason('SELECT campaign.id FROM campaign; DROP')).toBe('BAD_SYMBOL');
    expect(reason('SELECT campaign.id FROM campaign LIMIT 5 extra')).toBe('UNEXPECTED_INPUT');
  });
});
