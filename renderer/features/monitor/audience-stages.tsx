import type { ResponseOf } from '@shared/ipc/contract';

type Audience = ResponseOf<'campaigns.list'>[number]['audiences'][number];

const STAGES = {
  learning: {
    label: 'Learning',
    title: 'The platform is still learning how to deliver to this audience after a recent significant edit: results vary more than usual.',
  },
  limited: {
    label: 'Learning limited',
    title: 'The platform cannot gather enough results to finish learning: a larger budget or a broader audience helps.',
  },
} as const;

/** The live audiences of a campaign whose delivery the platform is still learning; nothing when none is. */
export function AudienceStages({ audiences }: { audiences: readonly Audience[] }) {
  const staged = audiences.filter((a) => a.enabled && a.learning !== undefined);
  if (staged.length === 0) return null;
  return (
    <ul className="audience-stages muted small" aria-label="Audiences still learning">
      {staged.map((a) => {
        const stage = STAGES[a.learning!];
        return (
          <li key={a.id}>
            {a.name}{' '}
            <span className="pill" title={stage.title}>
              {stage.label}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
