import { describe, expect, it } from 'vitest';
import { MAX_SPACER_PX, positionAt, revealRow, rowsInView, scrollScale, scrollTopFor } from '@renderer/features/audit/scroll-scale';

const ROW = 60;
const HEIGHT = 480;

describe('the timeline scroll space over a million rows', () => {
  it('is the plain content height for a short list', () => {
    const scale = scrollScale(1000, ROW, HEIGHT);
    expect(scale).toEqual({ spacer: 60_000, travel: 60_000 - HEIGHT, ratio: 1 });
    expect(positionAt(scale, 1234)).toBe(1234);
  });

  it('caps the spacer for 1M rows and still reaches the first and the last row', () => {
    const scale = scrollScale(1_000_000, ROW, HEIGHT);
    expect(scale.spacer).toBe(MAX_SPACER_PX);
    const end = positionAt(scale, scale.spacer - HEIGHT);
    expect(rowsInView(end, 1_000_000, ROW, HEIGHT, 0)).toEqual({ first: 1_000_000 - 8, last: 1_000_000 });
    expect(rowsInView(positionAt(scale, 0), 1_000_000, ROW, HEIGHT, 0)).toEqual({ first: 0, last: 8 });
    const middle = positionAt(scale, (scale.spacer - HEIGHT) / 2);
    expect(Math.floor(middle / ROW)).toBeCloseTo(500_000, -1);
  });

  it('moves to reveal a row by as little as it can, and maps back to the scrollTop showing it', () => {
    expect(revealRow(6000, 105, ROW, HEIGHT)).toBe(6000);
    expect(revealRow(6000, 108, ROW, HEIGHT)).toBe(109 * ROW - HEIGHT);
    expect(revealRow(6000, 90, ROW, HEIGHT)).toBe(90 * ROW);
    const scale = scrollScale(1_000_000, ROW, HEIGHT);
    const position = revealRow(0, 765_432, ROW, HEIGHT);
    expect(positionAt(scale, scrollTopFor(scale, position))).toBeCloseTo(position, 3);
  });
});
