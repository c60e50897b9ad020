import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type UIEvent } from 'react';
import { formatNumber } from '@renderer/shared/format';
import { positionAt, revealRow, rowsInView, scrollScale, scrollTopFor } from './scroll-scale';

export interface WindowedListProps<T> {
  /** Rows in the whole list, loaded or not. */
  count: number;
  /** The row at an index, or undefined while it is still being fetched. */
  rowAt(index: number): T | undefined;
  rowHeight: number;
  height: number;
  label: string;
  renderRow(item: T, index: number): ReactNode;
  /** Told which rows are drawn whenever that changes, so the caller can fetch them. */
  onRangeChange?(first: number, last: number): void;
  /** Rows drawn beyond the visible ones, above and below, so a fast scroll shows no gap. */
  overscan?: number;
}

const MOVES: Record<string, (index: number, perPage: number, count: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  PageDown: (i, page) => i + page,
  PageUp: (i, page) => i - page,
  Home: () => 0,
  End: (_i, _page, count) => count - 1,
};

/**
 * A list that draws only the rows in view (plus a few): a million rows cost as much as twenty.
 * Rows have one fixed height, so any row's position is known without measuring; past the
 * browser's element height limit the scroll space is scaled (see scroll-scale.ts). Arrow keys,
 * Page Up/Down, Home and End move focus through the rows, scrolling so the focused one is in view.
 */
export function WindowedList<T>({ count, rowAt, rowHeight, height, label, renderRow, onRangeChange, overscan = 8 }: WindowedListProps<T>) {
  const scale = scrollScale(count, rowHeight, height);
  // The true position is kept apart from scrollTop: once scaled, one pixel of scrollTop spans
  // several pixels of rows, and a row revealed by the keyboard must land exactly in view.
  const [view, setView] = useState({ position: 0, scrollTop: 0 });
  const assigned = useRef<number | null>(null);
  const position = Math.min(view.position, scale.travel);
  const { first, last } = rowsInView(position, count, rowHeight, height, overscan);

  useEffect(() => onRangeChange?.(first, last), [first, last, onRangeChange]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const top = event.currentTarget.scrollTop;
    if (assigned.current !== null && Math.abs(top - assigned.current) < 1) return;
    assigned.current = null;
    setView({ position: positionAt(scale, top), scrollTop: top });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = MOVES[event.key];
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!move || !row) return;
    event.preventDefault();
    const index = Math.min(count - 1, Math.max(0, move(Number(row.dataset.index), Math.max(1, Math.floor(height / rowHeight) - 1), count)));
    const container = event.currentTarget;
    const next = revealRow(position, index, rowHeight, height);
    container.scrollTop = scrollTopFor(scale, next);
    // The browser rounds scrollTop: remember what it kept, so the scroll event it fires is known as ours.
    assigned.current = container.scrollTop;
    setView({ position: next, scrollTop: container.scrollTop });
    // The row may only exist once the new window is drawn.
    requestAnimationFrame(() =>
      container.querySelector<HTMLElement>(`[data-index="${index}"] button, [data-index="${index}"]`)?.focus({ preventScroll: true }),
    );
  };

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = rowAt(index);
    rows.push(
      <div
        key={index}
        role="listitem"
        aria-posinset={index + 1}
        aria-setsize={count}
        data-index={index}
        data-pending={item === undefined ? '' : undefined}
        tabIndex={item === undefined ? -1 : undefined}
        className="windowed-row"
        style={{ position: 'absolute', top: view.scrollTop + index * rowHeight - position, height: rowHeight, left: 0, right: 0 }}
      >
        {item === undefined ? <span className="muted small windowed-pending">Loading decision {formatNumber(index + 1)}…</span> : renderRow(item, index)}
      </div>,
    );
  }

  return (
    <div className="windowed-list" style={{ height }} onScroll={onScroll} onKeyDown={onKeyDown} role="list" aria-label={label} aria-rowcount={count}>
      {/* clip, not hidden: overscan rows must not stretch the scroll range, and the spacer must not become a scroll container. */}
      <div style={{ height: scale.spacer, position: 'relative', overflow: 'clip' }}>{rows}</div>
    </div>
  );
}
