// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { OtpError, type OtpErrorInfo } from './errors';
import {
  createOtpFillCommand,
  FILL_COMMAND,
  FILL_MENU_ID,
  FILL_PROBLEMS,
  OTP_FILL_SCRIPT_FILE,
  runPageFill,
  type FillScriptingPort,
  type FillTab,
} from './fill-command';
import { PAGE_FILL_GLOBAL } from './page-fill';
import { generateTotp } from './totp';
import type { TotpParameters } from './totp-parameters';

const ORIGIN = 'https://app.example.com';
const SECRET = 'JBSWY3DPEHPK3PXP';
const entry: TotpParameters = { secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30 };
const NOW = 1_700_000_022_000;
const TAB: FillTab = { id: 7, url: `${ORIGIN}/login/mfa` };

type Injection = Parameters<FillScriptingPort['executeScript']>[0];

/** A scripting fake that records every injection and answers like Chromium. */
function fakeScripting(
  pageAnswer: unknown = 'filled',
  options: { documentId?: string; failOn?: 'files' | 'func' } = {},
) {
  const injections: Injection[] = [];
  const scripting: FillScriptingPort = {
    executeScript: vi.fn((injection: Injection) => {
      injections.push(injection);
      const kind = 'files' in injection ? 'files' : 'func';
      if (options.failOn === kind) return Promise.reject(new Error('No frame with id 0'));
      return Promise.resolve(
        kind === 'files'
          ? [{ documentId: options.documentId ?? 'DOC-1', result: undefined }]
          : [{ documentId: options.documentId ?? 'DOC-1', result: pageAnswer }],
      );
    }),
  };
  return { scripting, injections };
}

function setup(
  options: {
    allowed?: string[];
    find?: (origin: string) => Promise<TotpParameters | undefined>;
    scripting?: ReturnType<typeof fakeScripting>;
    activeTab?: FillTab | undefined;
  } = {},
) {
  const findEntryForOrigin = vi.fn(
    options.find ?? ((origin: string) => Promise.resolve(origin === ORIGIN ? entry : undefined)),
  );
  const fake = options.scripting ?? fakeScripting();
  const feedback: Array<[number, OtpErrorInfo | undefined]> = [];
  const command = createOtpFillCommand({
    handlerDeps: () =>
      Promise.resolve({
        allowedOrigins: new Set(options.allowed ?? [ORIGIN]),
        findEntryForOrigin,
        now: () => NOW,
      }),
    activeTab: () => Promise.resolve(options.activeTab),
    scripting: fake.scripting,
    feedback: (tabId, problem) => {
      feedback.push([tabId, problem]);
      return Promise.resolve();
    },
  });
  return { command, findEntryForOrigin, injections: fake.injections, feedback };
}

describe('the fill shortcut', () => {
  it('injects the filler into the top frame, then the current code pinned to that document', async () => {
    const { command, injections, feedback } = setup();
    expect(await command.onCommand(FILL_COMMAND, TAB)).toEqual({ filled: true });
    expect(injections).toEqual([
      { target: { tabId: 7, frameIds: [0] }, files: [OTP_FILL_SCRIPT_FILE] },
      {
        target: { tabId: 7, documentIds: ['DOC-1'] },
        func: runPageFill,
        args: [PAGE_FILL_GLOBAL, await generateTotp(entry, NOW), ORIGIN],
      },
    ]);
    // Only the code travels, never the secret.
    expect(JSON.stringify(injections)).not.toContain(SECRET);
    // A success clears any earlier problem shown on the tab.
    expect(feedback).toEqual([[7, undefined]]);
  });

  it('asks for the active tab when Chromium sends the command without one', async () => {
    const { command, injections } = setup({ activeTab: TAB });
    expect(await command.onCommand(FILL_COMMAND)).toEqual({ filled: true });
    expect(injections).toHaveLength(2);
  });

  it('ignores commands that are not ours', async () => {
    const { command, injections } = setup();
    expect(await command.onCommand('_execute_action', TAB)).toBeUndefined();
    expect(injections).toEqual([]);
  });

  it('injects nothing and reads no entry on an origin not allowed (or not granted)', async () => {
    for (const url of ['https://evil.example/login', 'chrome://settings', undefined]) {
      const { command, injections, findEntryForOrigin, feedback } = setup();
      expect(await command.onCommand(FILL_COMMAND, { id: 3, url })).toEqual({
        filled: false,
        error: FILL_PROBLEMS.notAllowed,
      });
      expect(injections).toEqual([]);
      expect(findEntryForOrigin).not.toHaveBeenCalled();
      expect(feedback).toEqual([[3, FILL_PROBLEMS.notAllowed]]);
    }
  });

  it('shows why when the vault is locked or no entry is bound, and injects nothing', async () => {
    const locked = new OtpError({
      code: 'VAULT_LOCKED',
      message: 'The authenticator is locked.',
      recovery: 'Unlock it in Cognito Pass.',
    });
    const lockedSetup = setup({ find: () => Promise.reject(locked) });
    expect(await lockedSetup.command.onCommand(FILL_COMMAND, TAB)).toEqual({
      filled: false,
      error: locked.toInfo(),
    });
    expect(lockedSetup.injections).toEqual([]);
    expect(lockedSetup.feedback).toEqual([[7, locked.toInfo()]]);

    const unbound = setup({ find: () => Promise.resolve(undefined) });
    const outcome = await unbound.command.onCommand(FILL_COMMAND, TAB);
    expect(outcome?.filled === false && outcome.error.code).toBe('OTP_NO_ENTRY');
    expect(unbound.injections).toEqual([]);
  });

  it('reports a page without a code field', async () => {
    const { command, feedback } = setup({ scripting: fakeScripting('no-field') });
    expect(await command.onCommand(FILL_COMMAND, TAB)).toEqual({
      filled: false,
      error: FILL_PROBLEMS.noField,
    });
    expect(feedback).toEqual([[7, FILL_PROBLEMS.noField]]);
  });

  it('fails closed when the tab navigated: the page says so, or the document is gone', async () => {
    for (const scripting of [
      fakeScripting('other-origin'),
      fakeScripting('not-installed'),
      fakeScripting('filled', { failOn: 'func' }),
      fakeScripting('filled', { failOn: 'files' }),
    ]) {
      const { command } = setup({ scripting });
      expect(await command.onCommand(FILL_COMMAND, TAB)).toEqual({
        filled: false,
        error: FILL_PROBLEMS.pageChanged,
      });
    }
  });

  it('targets the top frame again when the browser names no document (Firefox)', async () => {
    const scripting = fakeScripting('filled', { documentId: '' });
    const { command, injections } = setup({ scripting });
    await command.onCommand(FILL_COMMAND, TAB);
    expect(injections[1]?.target).toEqual({ tabId: 7, frameIds: [0] });
  });
});

describe('the context-menu entry', () => {
  it('fills like the shortcut', async () => {
    const { command, injections } = setup();
    expect(await command.onMenuClick({ menuItemId: FILL_MENU_ID, frameId: 0 }, TAB)).toEqual({
      filled: true,
    });
    expect(injections).toHaveLength(2);
  });

  it('fills nothing for a field inside a frame, and says so', async () => {
    const { command, injections, feedback } = setup();
    expect(await command.onMenuClick({ menuItemId: FILL_MENU_ID, frameId: 12 }, TAB)).toEqual({
      filled: false,
      error: FILL_PROBLEMS.frame,
    });
    expect(injections).toEqual([]);
    expect(feedback).toEqual([[7, FILL_PROBLEMS.frame]]);
  });

  it('ignores other menu entries', async () => {
    const { command } = setup();
    expect(await command.onMenuClick({ menuItemId: 'something-else' }, TAB)).toBeUndefined();
  });
});

describe('runPageFill (the function serialized into the page)', () => {
  // Rebuilt from its source text, as executeScript does: it must not need anything around it.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- rebuilding from source is the test
  const rebuild = new Function(`return (${runPageFill.toString()})`) as () => typeof runPageFill;
  const serialized = rebuild();

  it('calls the installed filler with the code when the document is the expected origin', () => {
    const filler = vi.fn(() => 'filled');
    (globalThis as Record<string, unknown>)[PAGE_FILL_GLOBAL] = filler;
    try {
      expect(serialized(PAGE_FILL_GLOBAL, '123456', location.origin)).toBe('filled');
      expect(filler).toHaveBeenCalledWith('123456', location.origin);
      expect(serialized(PAGE_FILL_GLOBAL, '123456', 'https://elsewhere.example')).toBe(
        'other-origin',
      );
      expect(filler).toHaveBeenCalledTimes(1);
    } finally {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the global the test set
      delete (globalThis as Record<string, unknown>)[PAGE_FILL_GLOBAL];
    }
  });

  it('reports a missing filler instead of throwing', () => {
    expect(serialized(PAGE_FILL_GLOBAL, '123456', location.origin)).toBe('not-installed');
  });
});
