/**
 * Browsers cap an element's height (Chromium near 33.5M px, Firefox near 17.9M px): at 60 px a
 * row, past ~300k rows a full-height spacer would stop growing. Past this height the spacer stays
 * at it and a scroll position maps proportionally onto the rows' true position.
 */
export const MAX_SPACER_PX = 8_000_000;

/** The rows' true geometry against the capped scroll space of a viewport `height` tall. */
export interface ScrollScale {
  /** Height of the element that gives the scrollbar its range. */
  spacer: number;
  /** How far the rows can move: the true content height less the viewport. */
  travel: number;
  /** True content pixels per pixel of scrollTop; 1 when nothing is capped. */
  ratio: number;
}

export function scrollScale(rows: number, rowHeight: number, height: number, maxSpacer = MAX_SPACER_PX): ScrollScale {
  const content = rows * rowHeight;
  const spacer = Math.min(content, maxSpacer);
  const travel = Math.max(0, content - height);
  const range = Math.max(0, spacer - height);
  return { spacer, travel, ratio: range === 0 ? 1 : travel / range };
}

/** The true offset of the viewport's top edge for a scrollTop, within the content. */
export const positionAt = (scale: ScrollScale, scrollTop: number): number => Math.min(scale.travel, Math.max(0, scrollTop * scale.ratio));

/** The scrollTop that shows the content from a true offset. */
export const scrollTopFor = (scale: ScrollScale, position: number): number => Math.min(scale.travel, Math.max(0, position)) / scale.ratio;

/** The nearest position at which row `index` is wholly in view, moving as little as possible from `position`. */
export function revealRow(position: number, index: number, rowHeight: number, height: number): number {
  const top = index * rowHeight;
  if (top < position) return top;
  if (top + rowHeight > position + height) return top + rowHeight - height;
  return position;
}

/** Rows drawn for a position: those in view, plus `overscan` above and below. */
export function rowsInView(position: number, rows: number, rowHeight: number, height: number, overscan: number): { first: number; last: number } {
  return {
    first: Math.max(0, Math.floor(position / rowHeight) - overscan),
    last: Math.min(rows, Math.ceil((position + height) / rowHeight) + overscan),
  };
}
