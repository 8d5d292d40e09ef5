import { describe, expect, it, vi } from 'vitest';
import type { OtpHandlerDeps } from '../otp/background-handlers';
import {
  FILL_COMMAND,
  FILL_MENU_ID,
  type FillScriptingPort,
  type FillTab,
} from '../otp/fill-command';
import type { TotpParameters } from '../otp/totp-parameters';
import { wireOtpFillGestures, type OtpFillBrowser } from './otp-fill-gestures';

const ORIGIN = 'https://app.example.com';
const entry: TotpParameters = {
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};

function emitter<Listener>() {
  const listeners: Listener[] = [];
  return { addListener: (listener: Listener) => listeners.push(listener), listeners };
}

function setup(activeTabs: FillTab[] = []) {
  const onCommand = emitter<(command: string, tab?: FillTab) => void>();
  const onClicked =
    emitter<(info: { menuItemId: string | number; frameId?: number }, tab?: FillTab) => void>();
  const injectedInto: number[] = [];
  const scripting: FillScriptingPort = {
    executeScript: (injection) => {
      injectedInto.push(injection.target.tabId);
      return Promise.resolve([{ documentId: 'DOC', result: 'filled' }]);
    },
  };
  const badges: Array<[number, string]> = [];
  const query = vi.fn(() => Promise.resolve(activeTabs));
  const browser: OtpFillBrowser = {
    commands: { onCommand },
    contextMenus: { onClicked },
    tabs: { query },
    scripting,
    action: {
      setBadgeText: ({ tabId, text }) => {
        badges.push([tabId, text]);
        return Promise.resolve();
      },
      setBadgeBackgroundColor: () => Promise.resolve(),
      setTitle: () => Promise.resolve(),
    },
  };
  const handlerDeps = (): Promise<OtpHandlerDeps> =>
    Promise.resolve({
      extensionId: 'ext',
      allowedOrigins: new Set([ORIGIN]),
      findEntryForOrigin: () => Promise.resolve(entry),
      now: () => 1_700_000_022_000,
    });
  const onError = vi.fn();
  wireOtpFillGestures({
    browser,
    handlerDeps,
    defaultTitle: 'Cognito Pass',
    later: () => undefined,
    onError,
  });
  return { onCommand, onClicked, injectedInto, badges, query, onError };
}

describe('wireOtpFillGestures', () => {
  it('listens at once, and fills the tab of the shortcut', async () => {
    const t = setup();
    expect(t.onCommand.listeners).toHaveLength(1);
    expect(t.onClicked.listeners).toHaveLength(1);
    t.onCommand.listeners[0]?.(FILL_COMMAND, { id: 9, url: `${ORIGIN}/mfa` });
    await vi.waitFor(() => {
      expect(t.injectedInto).toEqual([9, 9]);
    });
  });

  it('falls back to the active tab of the last focused window', async () => {
    const t = setup([{ id: 3, url: `${ORIGIN}/` }]);
    t.onCommand.listeners[0]?.(FILL_COMMAND);
    await vi.waitFor(() => {
      expect(t.injectedInto).toEqual([3, 3]);
    });
    expect(t.query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
  });

  it('fills from the menu entry, and marks the tab when it cannot', async () => {
    const t = setup();
    t.onClicked.listeners[0]?.(
      { menuItemId: FILL_MENU_ID, frameId: 0 },
      { id: 9, url: `${ORIGIN}/` },
    );
    await vi.waitFor(() => {
      expect(t.injectedInto).toEqual([9, 9]);
    });
    t.onClicked.listeners[0]?.(
      { menuItemId: FILL_MENU_ID, frameId: 0 },
      { id: 10, url: 'https://not-allowed.example/' },
    );
    await vi.waitFor(() => {
      expect(t.badges).toContainEqual([10, '!']);
    });
    expect(t.injectedInto).toEqual([9, 9]);
    expect(t.onError).not.toHaveBeenCalled();
  });
});
