import { useState, type KeyboardEvent, type ReactNode, type UIEvent } from 'react';

export interface WindowedListProps<T> {
  items: readonly T[];
  rowHeight: number;
  height: number;
  label: string;
  keyOf(item: T): string;
  renderRow(item: T, index: number): ReactNode;
  /** Called when the rows shown come within `threshold` rows of the end of `items`. */
  onNearEnd?(): void;
  threshold?: number;
  /** Rows drawn beyond the visible ones, above and below, so a fast scroll shows no gap. */
  overscan?: number;
}

/**
 * A list that draws only the rows in view (plus a few): a million rows cost as much as twenty.
 * Rows have one fixed height, so the position of any row is known without measuring. Up and
 * Down move focus row by row, scrolling as needed.
 */
export function WindowedList<T>({ items, rowHeight, height, label, keyOf, renderRow, onNearEnd, threshold = 50, overscan = 8 }: WindowedListProps<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const top = event.currentTarget.scrollTop;
    setScrollTop(top);
    if (onNearEnd && Math.ceil((top + height) / rowHeight) >= items.length - threshold) onNearEnd();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    event.preventDefault();
    const index = Number(row.dataset.index) + (event.key === 'ArrowDown' ? 1 : -1);
    if (index < 0 || index >= items.length) return;
    const container = event.currentTarget;
    if (index * rowHeight < container.scrollTop) container.scrollTop = index * rowHeight;
    else if ((index + 1) * rowHeight > container.scrollTop + height) container.scrollTop = (index + 1) * rowHeight - height;
    // The row may only exist after the scroll re-renders the window.
    requestAnimationFrame(() => container.querySelector<HTMLElement>(`[data-index="${index}"] button, [data-index="${index}"]`)?.focus());
  };

  return (
    <div className="windowed-list" style={{ height }} onScroll={onScroll} onKeyDown={onKeyDown} role="list" aria-label={label} aria-rowcount={items.length}>
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        {items.slice(first, last).map((item, offset) => {
          const index = first + offset;
          return (
            <div key={keyOf(item)} role="listitem" data-index={index} className="windowed-row" style={{ position: 'absolute', top: index * rowHeight, height: rowHeight, left: 0, right: 0 }}>
              {renderRow(item, index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
