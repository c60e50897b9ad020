import type { ReactNode } from 'react';

/** What a screen says when it has nothing to show yet: what will be here, and what to do now. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
