import { useConnectionStore } from './connection-store';

/** Says so when the host cannot be reached, instead of leaving stale data looking live. */
export function ConnectionBanner() {
  const status = useConnectionStore((state) => state.status);
  if (status === 'reconnecting') {
    return (
      <p className="banner" role="status">
        Lost the connection to the host; reconnecting… If this lasts, check that <code>acm serve</code> is still running; if it was restarted, open the new
        address it printed.
      </p>
    );
  }
  return null;
}
