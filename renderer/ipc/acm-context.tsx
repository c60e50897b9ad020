import { createContext, useContext, type ReactNode } from 'react';
import type { AcmConnection } from './client';

const AcmContext = createContext<AcmConnection | null>(null);

export function AcmProvider({ connection, children }: { connection: AcmConnection; children: ReactNode }) {
  return <AcmContext.Provider value={connection}>{children}</AcmContext.Provider>;
}

export function useAcm(): AcmConnection {
  const connection = useContext(AcmContext);
  if (!connection) throw new Error('useAcm() needs an <AcmProvider> above it');
  return connection;
}
