import { useState, type ChangeEvent } from 'react';
import { useAcm } from '@renderer/ipc/acm-context';
import { useAcmMutation } from '@renderer/ipc/use-acm-mutation';

/** Agents to and from JSON files: the export can be imported here or in another install, or used in a scenario. */
export function ImportExport() {
  const { client } = useAcm();
  const importAgents = useAcmMutation('agents.import', ['agents.', 'monitor.']);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  async function exportAll() {
    setMessage(null);
    try {
      const file = await client['agents.export']({});
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'agents.json';
      link.click();
      URL.revokeObjectURL(url);
      setMessage({ text: `Exported ${file.agents.length} agent${file.agents.length === 1 ? '' : 's'} to agents.json`, error: false });
    } catch (error) {
      setMessage({ text: `Export failed: ${error instanceof Error ? error.message : String(error)}`, error: true });
    }
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setMessage(null);
    importAgents.mutate(
      { text: await file.text() },
      {
        onSuccess: (agents) => setMessage({ text: `Imported ${agents.map((a) => a.name).join(', ')}, paused: activate each when ready.`, error: false }),
        onError: (error) => setMessage({ text: error.message, error: true }),
      },
    );
  }

  return (
    <div className="controls">
      <button type="button" onClick={exportAll}>
        Export agents (JSON)
      </button>
      <label className="file-button">
        Import agents (JSON)
        <input type="file" accept="application/json,.json" onChange={onFile} />
      </label>
      {message && (
        <span role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'muted'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
