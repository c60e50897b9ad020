import type { ReactNode } from 'react';
import type { ScenarioIssue } from '@shared/scenario/load';

/** Problems at `path` or inside it (`campaigns` owns `campaigns[1]`). */
export const issuesAt = (issues: readonly ScenarioIssue[], path: string): ScenarioIssue[] =>
  issues.filter((i) => i.path === path || i.path.startsWith(`${path}[`) || i.path.startsWith(`${path}.`));

export const fieldId = (path: string) => `field-${path.replace(/[^\w-]/g, '_')}`;
export const errorId = (path: string) => `error-${path.replace(/[^\w-]/g, '_')}`;

/** A labelled control with its problems named right under it; the control gets `fieldId(path)` and points at them. */
export function Field({
  label,
  path,
  issues,
  hint,
  children,
}: {
  label: string;
  path: string;
  issues: readonly ScenarioIssue[];
  hint?: string;
  children: ReactNode;
}) {
  const mine = issuesAt(issues, path);
  return (
    <div className={`field${mine.length > 0 ? ' invalid' : ''}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {children}
      {hint && <span className="muted small">{hint}</span>}
      {mine.length > 0 && (
        <span id={errorId(path)} className="error small">
          {mine.map((i) => i.message).join('; ')}
        </span>
      )}
    </div>
  );
}

/** The props that tie a control to its Field: id, and when it has problems, aria-invalid and the message. */
export function controlProps(path: string, issues: readonly ScenarioIssue[]) {
  const invalid = issuesAt(issues, path).length > 0;
  return { id: fieldId(path), 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? errorId(path) : undefined };
}
