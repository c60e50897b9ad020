import { useState } from 'react';
import { describeUpdate, updateFeedUrlSchema, type DesktopPreferencesPatch } from '@shared/ipc/channels/desktop';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmMutation } from '@renderer/ipc/use-acm-mutation';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { CheckBox } from '../notifications/form-controls';

/** The app's settings of this computer: staying awake, start at login, and where updates come from. */
export function DesktopSettingsScreen() {
  const settings = useAcmQuery('desktop.settings');
  const save = useAcmMutation('desktop.saveSettings', ['desktop.']);
  const check = useAcmMutation('desktop.checkForUpdates', ['desktop.']);
  const install = useAcmMutation('desktop.installUpdate');
  const [feed, setFeed] = useState<string | undefined>(undefined);
  const data = settings.data;
  const change = (patch: DesktopPreferencesPatch) => save.mutate(patch);
  const typedFeed = feed ?? data?.preferences.updateFeedUrl ?? '';
  const feedProblem = updateFeedUrlSchema.safeParse(typedFeed).error?.issues[0]?.message;

  return (
    <>
      <h1>Desktop settings</h1>
      <ErrorText error={settings.error} what="Could not load the settings" />
      {data?.problem && (
        <p role="alert" className="error">
          {data.problem}
        </p>
      )}
      <ErrorText error={save.error} what="Could not save the setting" />
      {data && (
        <form aria-label="Desktop settings" onSubmit={(event) => event.preventDefault()}>
          <div className="field">
            <CheckBox label="Keep the computer awake while agents run" checked={data.preferences.keepAwake} onChange={(keepAwake) => change({ keepAwake })} />
            <span className="muted small">A sleeping computer misses its agents' reviews; the screen may still turn off.</span>
          </div>
          <div className="field">
            {data.loginItemSupported ? (
              <CheckBox label="Start at login" checked={data.preferences.openAtLogin} onChange={(openAtLogin) => change({ openAtLogin })} />
            ) : (
              <span>Start at login</span>
            )}
            <span className="muted small">
              {data.loginItemSupported
                ? 'Opens the app hidden in the tray when you log in, so agents run without anyone starting it.'
                : 'This system has no login items the app can set: add it to your desktop’s autostart instead.'}
            </span>
          </div>
          <div className={`field${feedProblem ? ' invalid' : ''}`}>
            <label htmlFor="update-feed">Update feed URL</label>
            <input
              id="update-feed"
              type="url"
              placeholder="https://updates.your-agency.com/acm/"
              value={typedFeed}
              aria-invalid={feedProblem ? true : undefined}
              onChange={(event) => setFeed(event.target.value)}
              onBlur={() => {
                if (!feedProblem && feed !== undefined && feed !== data.preferences.updateFeedUrl) change({ updateFeedUrl: feed });
              }}
            />
            <span className="muted small">Where your agency publishes the app's builds; empty means the app never looks for updates.</span>
            {feedProblem && <span className="error small">{feedProblem}</span>}
          </div>
          <div className="field">
            <CheckBox
              label="Check for updates automatically"
              checked={data.preferences.checkForUpdates}
              onChange={(checkForUpdates) => change({ checkForUpdates })}
            />
            <span className="muted small">Looks at start and every few hours; a found update downloads and installs when the app next quits.</span>
          </div>
          <div className="controls">
            <button type="button" disabled={check.isPending} onClick={() => check.mutate({})}>
              Check now
            </button>
            {data.update.state === 'ready' && (
              <button type="button" onClick={() => install.mutate({})}>
                Restart and install
              </button>
            )}
          </div>
          <p role="status">{describeUpdate(data.update, data.version)}</p>
          <ErrorText error={check.error ?? install.error} what="Updates" />
        </form>
      )}
    </>
  );
}
