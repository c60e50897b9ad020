/** The agent's choice to leave the budget of a campaign alone while an audience of it is still learning. */
export function LearningHoldOption({ checked, onChange }: { checked: boolean; onChange(on: boolean): void }) {
  return (
    <div className="field">
      <label className="check">
        <input type="checkbox" checked={checked} aria-describedby="hold-while-learning-hint" onChange={(e) => onChange(e.target.checked)} /> Hold budget changes
        while an audience is learning
      </label>
      <span id="hold-while-learning-hint" className="muted small">
        A budget change restarts the platform’s learning phase: the agent waits until it ends (not while learning is limited).
      </span>
    </div>
  );
}
