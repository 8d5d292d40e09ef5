import { expect, openPopup, screenshot, stopServiceWorker, test } from './fixtures';

test('the popup opens, renders a styled screen and the background answers', async ({
  context,
  extensionId,
}) => {
  const popup = await openPopup(context, extensionId);
  await expect(popup.locator('[data-step]').first()).toBeVisible();
  const reply = await popup.evaluate(async () => {
    const runtime = (
      globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      }
    ).chrome.runtime;
    return runtime.sendMessage({ type: 'ping' });
  });
  expect(reply).toMatchObject({ ok: true });
  await screenshot(popup, 'foundation-popup');
});

test('the background answers again after its worker is stopped', async ({
  context,
  extensionId,
}) => {
  const popup = await openPopup(context, extensionId);
  await stopServiceWorker(context, extensionId);
  const reply = await popup.evaluate(async () => {
    const runtime = (
      globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      }
    ).chrome.runtime;
    return runtime.sendMessage({ type: 'ping' });
  });
  expect(reply).toMatchObject({ ok: true });
});

test('the manifest the browser loaded has no target-site host permissions', async ({
  serviceWorker,
}) => {
  const manifest = await serviceWorker.evaluate(() => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { getManifest(): unknown } } })
      .chrome.runtime;
    return runtime.getManifest() as { host_permissions: string[]; externally_connectable: unknown };
  });
  expect(
    manifest.host_permissions.every((p) => p.includes('cognito-idp.') || p.includes(':9230/')),
  ).toBe(true);
  expect(manifest.externally_connectable).toEqual({ ids: [], matches: [] });
});
