import { useCallback, useState } from 'react';

/** The accounts picked in a connect dialog's list: the set, a toggle for one, and a way to start over. */
export function usePicked(): { picked: ReadonlySet<string>; toggle: (id: string, on: boolean) => void; clear: () => void } {
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((id: string, on: boolean) => {
    setPicked((before) => {
      const after = new Set(before);
      if (on) after.add(id);
      else after.delete(id);
      return after;
    });
  }, []);
  const clear = useCallback(() => setPicked(new Set()), []);
  return { picked, toggle, clear };
}
