import { describe, expect, it, vi } from 'vitest';
import { ELECTRON_LINK_CHANNEL } from '@shared/ipc/bridge';
import { createLinkRouter, linkInArgv, registerLinkScheme } from '../../../electron/main/deep-links';

const LINK = 'acm://workspace/2/alert/a-1';

function windowStandIn() {
  const sent: unknown[][] = [];
  return { sent, target: { isDestroyed: () => false, send: (...args: unknown[]) => void sent.push(args) } };
}

describe('acm:// links in the main process', () => {
  it('are found among the arguments of a launch or a second instance', () => {
    expect(linkInArgv(['/opt/acm/acm', '--no-sandbox', LINK])).toBe(LINK);
    expect(linkInArgv(['/opt/acm/acm', 'ACM://workspace/2/agents'])).toBe('ACM://workspace/2/agents');
    expect(linkInArgv(['/opt/acm/acm', '--flag'])).toBeUndefined();
  });

  it('register the app for acm://, a development build as electron with its folder', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    const warn = vi.fn();
    registerLinkScheme(app, { execPath: '/opt/acm/acm', argv: ['/opt/acm/acm'] }, warn);
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('acm');
    registerLinkScheme(app, { defaultApp: true, execPath: '/usr/bin/electron', argv: ['/usr/bin/electron', '/src/acm'] }, warn);
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('acm', '/usr/bin/electron', ['/src/acm']);
    expect(warn).not.toHaveBeenCalled();
    app.setAsDefaultProtocolClient.mockReturnValueOnce(false);
    registerLinkScheme(app, { execPath: '/opt/acm/acm', argv: [] }, warn);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not register the app for acm:// links'));
  });

  it('hold a link that came before the window, and hand the window only the last one', async () => {
    const warn = vi.fn();
    const router = createLinkRouter(warn);
    router.open('acm://workspace/1/agents');
    router.open(LINK);
    const { sent, target } = windowStandIn();
    router.attach(async () => target);
    await vi.waitFor(() => expect(sent).toEqual([[ELECTRON_LINK_CHANNEL, LINK]]));
    router.open('acm://workspace/3/decision/d-9');
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toEqual([ELECTRON_LINK_CHANNEL, 'acm://workspace/3/decision/d-9']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('drop any other link with a warning, so it never reaches the page', async () => {
    const warn = vi.fn();
    const router = createLinkRouter(warn);
    const { sent, target } = windowStandIn();
    const show = vi.fn(async () => target);
    router.attach(show);
    router.open('acm://workspace/1/agents/../../etc?x=1');
    router.open('javascript:alert(1)');
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      expect.stringMatching(/^ignored a link: the link "acm:\/\/workspace\/1\/agents\/..\/..\/etc\?x=1" is not acm:\/\//),
      expect.stringMatching(/^ignored a link: the link "javascript:alert\(1\)"/),
    ]);
    expect(show).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });
});
