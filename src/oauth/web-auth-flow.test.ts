import { describe, expect, it } from 'vitest';
import { webAuthFlowFrom } from './web-auth-flow';

const identity = (result: () => Promise<string | undefined>) => ({
  getRedirectURL: () => 'https://abc.chromiumapp.org/',
  launchWebAuthFlow: result,
});

describe('webAuthFlowFrom', () => {
  it('is absent without the identity API', () => {
    expect(webAuthFlowFrom(undefined)).toBeUndefined();
  });

  it('passes the redirect URL and the reached URL through', async () => {
    const flow = webAuthFlowFrom(
      identity(() => Promise.resolve('https://abc.chromiumapp.org/?code=1')),
    );
    expect(flow?.redirectUrl()).toBe('https://abc.chromiumapp.org/');
    await expect(flow?.launch('https://x/', true)).resolves.toBe(
      'https://abc.chromiumapp.org/?code=1',
    );
  });

  it("names a closed window in Chrome's and Firefox's words", async () => {
    for (const message of [
      'The user did not approve access.',
      'User cancelled or denied access.',
    ]) {
      const flow = webAuthFlowFrom(identity(() => Promise.reject(new Error(message))));
      await expect(flow?.launch('https://x/', true)).rejects.toMatchObject({
        code: 'HostedUiWindowClosed',
      });
    }
    const empty = webAuthFlowFrom(identity(() => Promise.resolve(undefined)));
    await expect(empty?.launch('https://x/', true)).rejects.toMatchObject({
      code: 'HostedUiWindowClosed',
    });
  });

  it('other failures say the page could not be loaded', async () => {
    const flow = webAuthFlowFrom(
      identity(() => Promise.reject(new Error('Authorization page could not be loaded.'))),
    );
    await expect(flow?.launch('https://x/', true)).rejects.toMatchObject({
      code: 'HostedUiPageUnavailable',
    });
  });
});
