import { useState } from 'react';
import { EmptyState } from '@renderer/app/empty-state';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { AgentBuilder } from './agent-builder';
import { AgentList } from './agent-list';
import { useBuilderStore } from './builder-store';
import { ImportExport } from './import-export';

export function AgentsScreen() {
  const agents = useAcmQuery('agents.list');
  const { open, start } = useBuilderStore();
  const [saved, setSaved] = useState<string | null>(null);
  const list = agents.data ?? [];
  return (
    <>
      <h1>Agents</h1>
      <div className="controls">
        {!open && (
          <button type="button" className="primary" onClick={() => (setSaved(null), start())}>
            New agent
          </button>
        )}
        <ImportExport />
      </div>
      {saved && (
        <p role="status" className="notice">
          {saved}
        </p>
      )}
      {open && <AgentBuilder onSaved={setSaved} />}
      <ErrorText error={agents.error} what="Could not load the agents" />
      {agents.data && list.length === 0 && !open && (
        <EmptyState title="No agents yet">
          <p>
            An agent manages campaigns toward goals such as a minimum ROAS or a maximum CPA, inside the guardrails you set. Choose <strong>New agent</strong> to
            build one from a role template or a preset, preview what it would do, then save and activate it; or import agents from a JSON file.
          </p>
        </EmptyState>
      )}
      {list.length > 0 && <AgentList agents={list} />}
    </>
  );
}
