import { TextField } from '@renderer/features/notifications/form-controls';
import { CheckList, type Option } from './check-list';
import { toggled, type DraftField, type DraftProblems, type ExperimentDraft } from './new-experiment-form';

interface Props {
  draft: ExperimentDraft;
  problems: DraftProblems;
  campaigns: readonly Option[];
  agents: readonly Option[];
  edit: <F extends DraftField>(field: F, value: ExperimentDraft[F]) => void;
}

/** The questions of the "New experiment" dialog, each with its problem beside it. */
export function ExperimentFields({ draft, problems, campaigns, agents, edit }: Props) {
  const text = (field: 'name' | 'durationDays' | 'preDays' | 'liftPercent' | 'seed') => ({
    value: draft[field],
    problem: problems.fields[field],
    onChange: (event: { target: { value: string } }) => edit(field, event.target.value),
  });
  return (
    <>
      <TextField label="Name" autoComplete="off" maxLength={120} {...text('name')} />
      <div className="experiment-choices">
        <CheckList
          legend="Campaigns to compare"
          options={campaigns}
          picked={draft.campaignIds}
          onToggle={(id, on) => edit('campaignIds', toggled(draft.campaignIds, id, on))}
          problem={problems.fields.campaignIds}
          empty="This account has no campaigns yet."
        />
        <CheckList
          legend="Agents tested"
          options={agents}
          picked={draft.agentIds}
          onToggle={(id, on) => edit('agentIds', toggled(draft.agentIds, id, on))}
          problem={problems.fields.agentIds}
          empty="No agents yet: create one on the Agents screen first."
        />
      </div>
      <div className="experiment-numbers">
        <TextField label="Duration (days)" inputMode="numeric" hint="How long the test runs, from today." {...text('durationDays')} />
        <TextField label="Pre-period (days)" inputMode="numeric" hint="The days before today the groups are compared on." {...text('preDays')} />
        <TextField label="Lift to detect (%)" inputMode="decimal" hint="The smallest ROAS lift worth finding." {...text('liftPercent')} />
        <TextField label="Seed (optional)" inputMode="numeric" hint="Leave empty for a random split." {...text('seed')} />
      </div>
    </>
  );
}
