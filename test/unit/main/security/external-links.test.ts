import { describe, expect, it } from 'vitest';
import { createExternalLinkOpener, externalLinkPrompt } from '../../../../electron/main/security/external-links';
import { createFakeElectron } from '../fake-electron';

type Answer = NonNullable<Parameters<typeof createFakeElectron>[0]['answerMessageBox']>;

const press =
  (label: string): Answer =>
  (box) =>
    box.buttons?.indexOf(label) ?? -1;

function opener(answerMessageBox?: Answer, parent?: object) {
  const { electron, record } = createFakeElectron({ appPath: '/unused', answerMessageBox });
  const warnings: string[] = [];
  const open = createExternalLinkOpener({
    dialog: electron.dialog as never,
    shell: electron.shell,
    parent: () => parent as never,
    warn: (message) => void warnings.push(message),
  });
  return { open, record, warnings };
}

describe('opening a link outside the app', () => {
  it('asks first, showing the host and the full URL, with Cancel as default and on Escape', () => {
    const prompt = externalLinkPrompt(new URL('https://ads.example.com:8443/help?q=1#top'));
    expect(prompt).toMatchObject({ message: 'Open ads.example.com:8443 in your browser?', detail: 'https://ads.example.com:8443/help?q=1#top' });
    expect(prompt.buttons).toEqual(['Open in browser', 'Cancel']);
    expect(prompt.buttons?.[prompt.defaultId ?? -1]).toBe('Cancel');
    expect(prompt.buttons?.[prompt.cancelId ?? -1]).toBe('Cancel');
  });

  it('shows a look-alike host in its ASCII form', () => {
    expect(externalLinkPrompt(new URL('https://аpple.com/')).message).toBe('Open xn--pple-43d.com in your browser?');
  });

  it('opens the link when the user chooses "Open in browser"', async () => {
    const { open, record } = opener(press('Open in browser'));
    expect(await open('https://ads.example.com/help')).toBe(true);
    expect(record.messageBoxes).toHaveLength(1);
    expect(record.openedExternally).toEqual(['https://ads.example.com/help']);
  });

  it('opens nothing when the user cancels or presses Escape', async () => {
    const cancelled = opener(press('Cancel'));
    expect(await cancelled.open('https://ads.example.com/help')).toBe(false);
    const escaped = opener();
    expect(await escaped.open('https://ads.example.com/help')).toBe(false);
    for (const { record } of [cancelled, escaped]) {
      expect(record.messageBoxes).toHaveLength(1);
      expect(record.openedExternally).toEqual([]);
    }
  });

  it('opens exactly the URL it showed', async () => {
    const { open, record } = opener(press('Open in browser'));
    await open('HTTPS://Ads.Example.com/a b');
    expect(record.messageBoxes[0].detail).toBe('https://ads.example.com/a%20b');
    expect(record.openedExternally).toEqual(['https://ads.example.com/a%20b']);
  });

  it('never asks about, nor opens, unsafe schemes', async () => {
    const { open, record, warnings } = opener(press('Open in browser'));
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-settings:',
      'app://acm/index.html',
      'https://user:pw@example.com/',
      'not a url',
    ]) {
      expect(await open(url), url).toBe(false);
    }
    expect(record.messageBoxes).toEqual([]);
    expect(record.openedExternally).toEqual([]);
    expect(warnings).toHaveLength(7);
  });

  it('asks one question at a time, dropping links that arrive meanwhile', async () => {
    const { open, record, warnings } = opener(press('Open in browser'), {});
    const first = open('https://one.example/');
    expect(await open('https://two.example/')).toBe(false);
    expect(await first).toBe(true);
    expect(await open('https://three.example/')).toBe(true);
    expect(record.openedExternally).toEqual(['https://one.example/', 'https://three.example/']);
    expect(warnings).toEqual(['ignored https://two.example/: a link is already waiting for confirmation']);
  });
});
