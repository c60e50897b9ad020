import type { AcmBridge } from '@shared/ipc/bridge';
import { useConnectionStore } from '../app/connection-store';
import { takeSessionToken } from './session-token';
import { createWebSocketBridge } from './ws-bridge';

/**
 * The Electron preload exposes `window.acm`; in a browser served by `acm serve` the same
 * bridge runs over a WebSocket. Returns null when neither is possible (no session token).
 */
export function findBridge(): AcmBridge | null {
  const preload = (window as { acm?: AcmBridge }).acm;
  const { setStatus } = useConnectionStore.getState();
  if (preload) {
    setStatus('open');
    return preload;
  }
  const token = takeSessionToken(window.location, window.history, window.sessionStorage);
  if (!token) {
    setStatus('missing-token');
    return null;
  }
  const url = `ws://${window.location.host}/ipc?token=${encodeURIComponent(token)}`;
  return createWebSocketBridge({ url, onStatus: setStatus });
}
