import { useId } from 'react';
import type { ChannelDraft, DraftProblem } from './channel-draft';
import { TextField } from './form-controls';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** Where and as whom an e-mail channel sends, and when the daily digest goes (an hour of the workspace's zone). */
export function EmailFields({
  draft,
  problem,
  zone,
  onChange,
}: {
  draft: ChannelDraft;
  problem: DraftProblem | null;
  zone: string;
  onChange: (change: Partial<ChannelDraft>) => void;
}) {
  const ids = useId();
  const problemAt = (field: DraftProblem['field']) => (problem?.field === field ? problem.message : undefined);
  return (
    <fieldset>
      <legend>SMTP server</legend>
      <TextField label="SMTP host" value={draft.host} problem={problemAt('host')} spellCheck={false} onChange={(e) => onChange({ host: e.target.value })} />
      <TextField label="Port" inputMode="numeric" value={draft.port} problem={problemAt('port')} onChange={(e) => onChange({ port: e.target.value })} />
      <div className="field">
        <label htmlFor={`${ids}-security`}>Security</label>
        <select
          id={`${ids}-security`}
          value={draft.secure ? 'tls' : 'starttls'}
          onChange={(e) => {
            const secure = e.target.value === 'tls';
            // The usual port of each, unless one was typed.
            const port = draft.port === '587' || draft.port === '465' ? (secure ? '465' : '587') : draft.port;
            onChange({ secure, port });
          }}
        >
          <option value="starttls">STARTTLS (required; usually port 587)</option>
          <option value="tls">TLS from the start (usually port 465)</option>
        </select>
      </div>
      <TextField
        label="User"
        hint="Empty for a relay that takes mail without a login."
        value={draft.user}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onChange({ user: e.target.value })}
      />
      <TextField label="From" type="email" value={draft.from} problem={problemAt('from')} onChange={(e) => onChange({ from: e.target.value })} />
      <TextField
        label="To"
        hint="One or more addresses, separated by commas."
        value={draft.to}
        problem={problemAt('to')}
        onChange={(e) => onChange({ to: e.target.value })}
      />
      <div className="field">
        <label htmlFor={`${ids}-digest`}>Daily digest at ({zone})</label>
        <select id={`${ids}-digest`} value={draft.digestHour} onChange={(e) => onChange({ digestHour: e.target.value })}>
          <option value="">No daily digest</option>
          {HOURS.map((hour) => (
            <option key={hour} value={String(hour)}>
              {String(hour).padStart(2, '0')}:00
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
