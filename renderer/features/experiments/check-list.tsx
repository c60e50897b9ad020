import { useId } from 'react';

export interface Option {
  id: string;
  label: string;
}

/** A group of checkboxes under a legend, its problem named under it and tied to the group for screen readers. */
export function CheckList({
  legend,
  options,
  picked,
  onToggle,
  problem,
  empty,
}: {
  legend: string;
  options: readonly Option[];
  picked: readonly string[];
  onToggle: (id: string, on: boolean) => void;
  problem?: string;
  /** What to say when there is nothing to pick. */
  empty: string;
}) {
  const id = useId();
  return (
    <fieldset className={`check-list${problem ? ' invalid' : ''}`} aria-describedby={problem ? `${id}-problem` : undefined}>
      <legend>{legend}</legend>
      {options.length === 0 && <p className="muted small">{empty}</p>}
      <ul>
        {options.map((option) => (
          <li key={option.id}>
            <label className="check">
              <input type="checkbox" checked={picked.includes(option.id)} onChange={(event) => onToggle(option.id, event.target.checked)} /> {option.label}
            </label>
          </li>
        ))}
      </ul>
      {problem && (
        <span id={`${id}-problem`} className="error small">
          {problem}
        </span>
      )}
    </fieldset>
  );
}
