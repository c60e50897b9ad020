import type { TokenStorage } from '@shared/ipc/channels/meta-connect';

/** How a connect dialog names what it is about to keep: "the token", "the sign-in", … */
export interface KeptThing {
  /** In "… cannot keep the token." and "… does not protect the token.". */
  what: string;
  /** "The token will be kept in …". */
  kept: string;
  /** The checkbox: "Store the token anyway". */
  anyway: string;
}

/** Whether a dialog may store its secret now: somewhere can keep it, and it is protected or the operator said to store it anyway. */
export const mayStore = (storage: TokenStorage, anyway: boolean): boolean => storage.available && (storage.protected || anyway);

/**
 * Where a connect dialog's secret will be kept, said before anything is stored: nowhere (nothing can
 * be connected), a protected keychain, or one that does not protect it, with the choice to store
 * it anyway.
 */
export function StorageNotice({
  storage,
  thing,
  anyway,
  onAnyway,
}: {
  storage: TokenStorage;
  thing: KeptThing;
  anyway: boolean;
  onAnyway: (on: boolean) => void;
}) {
  if (!storage.available) return <p className="severity-warning">{storage.warning ?? `${storage.where} cannot keep ${thing.what}.`}</p>;
  if (storage.protected) {
    return (
      <p className="muted small">
        {thing.kept} will be kept in {storage.where}.
      </p>
    );
  }
  return (
    <div className="storage-warning">
      <p className="severity-warning">{storage.warning ?? `${storage.where} does not protect ${thing.what}.`}</p>
      <label className="check">
        <input type="checkbox" checked={anyway} onChange={(event) => onAnyway(event.target.checked)} /> {thing.anyway}
      </label>
    </div>
  );
}
