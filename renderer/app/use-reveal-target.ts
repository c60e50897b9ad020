import { useEffect } from 'react';
import { useRouteTarget } from './routes';

/**
 * Brings the item the address names (`#/alerts/alert-a1`) into view and gives it focus once the
 * screen has drawn it: its data may still be loading when the screen opens.
 */
export function useRevealTarget(): void {
  const target = useRouteTarget();
  useEffect(() => {
    if (!target) return;
    const reveal = (): boolean => {
      const element = document.getElementById(target);
      if (!element) return false;
      if (!element.hasAttribute('tabindex')) element.tabIndex = -1;
      element.scrollIntoView({ block: 'center' });
      element.focus({ preventScroll: true });
      return true;
    };
    if (reveal()) return;
    const observer = new MutationObserver(() => reveal() && observer.disconnect());
    observer.observe(document.getElementById('main') ?? document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [target]);
}
