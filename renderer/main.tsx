import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './app/app-shell';
import { MissingToken } from './app/missing-token';
import { AcmProvider } from './ipc/acm-context';
import { createAcmConnection } from './ipc/client';
import { findBridge } from './ipc/transport';
// In this order: later sheets build on the earlier ones' rules.
import './app/styles/foundation.css';
import './app/styles/components.css';
import './app/styles/screens.css';
import './app/styles/workspaces.css';
import './app/styles/experiments.css';

// The host pushes what changes (see use-live-updates), so cached data never goes stale by age.
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 } },
});

const bridge = findBridge();
const root = createRoot(document.getElementById('root')!);

root.render(
  <StrictMode>
    {bridge ? (
      <AcmProvider connection={createAcmConnection(bridge)}>
        <QueryClientProvider client={queryClient}>
          <AppShell />
        </QueryClientProvider>
      </AcmProvider>
    ) : (
      <MissingToken />
    )}
  </StrictMode>,
);
