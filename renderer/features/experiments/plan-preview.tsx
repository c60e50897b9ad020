import type { ResponseOf } from '@shared/ipc/contract';
import { AssignmentView } from './assignment-view';
import { powerText } from './experiment-text';

/** The split an experiment would start with, and how long it probably needs: nothing is started yet. */
export function PlanPreview({
  plan,
  campaignName,
  currency,
}: {
  plan: ResponseOf<'experiments.plan'>;
  campaignName: (id: string) => string;
  currency: string;
}) {
  return (
    <section className="plan-preview" aria-label="Split preview">
      <h3>Split preview</h3>
      <p className="power">
        <strong>{powerText(plan.power)}</strong> <span className="muted small">{plan.power.note}</span>
      </p>
      <AssignmentView assignment={plan.assignment} campaignName={campaignName} currency={currency} />
    </section>
  );
}
