/**
 * The options page: import an Amplify Gen 2 amplify_outputs.json (pasted and as a file), sign in
 * with the imported account, and the first-run guidance once no account is left.
 */
import os from 'node:os';
import path from 'node:path';
import { expect, expectStep, openOptions, openPopup, resetPool } from './fixtures';
import {
  captureScreen,
  expectAccessible,
  expectSignedIn,
  openDemoPopup,
  submitSignIn,
  test,
  writeTempFile,
} from './popup-support';

const AMPLIFY_OUTPUTS = JSON.stringify(
  {
    version: '1.4',
    auth: {
      user_pool_id: 'us-east-1_DemoPool0',
      aws_region: 'us-east-1',
      user_pool_client_id: '3demo0public0client0000000',
      standard_required_attributes: ['email'],
      username_attributes: ['email'],
      password_policy: { min_length: 8 },
    },
  },
  null,
  2,
);

test.beforeEach(async ({ pool }) => {
  await resetPool(pool);
});

test('import of an amplify_outputs.json file, then sign in with it', async ({
  context,
  extensionId,
}) => {
  await (await openDemoPopup(context, extensionId)).close();
  const options = await openOptions(context, extensionId);
  await expect(options.getByRole('button', { name: 'Edit Demo pool', exact: true })).toBeVisible();
  await expectAccessible(options, 'options');
  const file = writeTempFile(os.tmpdir(), 'amplify_outputs.json', AMPLIFY_OUTPUTS);
  await options.getByLabel('Or choose the file').setInputFiles(file);
  await expect(options.getByRole('status')).toHaveText(/amplify_outputs\.json/);
  await expect(options.getByLabel('User pool id')).toHaveValue('us-east-1_DemoPool0');
  await expect(options.getByLabel('App client id')).toHaveValue('3demo0public0client0000000');
  await expect(options.getByLabel('Region')).toHaveValue('us-east-1');
  await options.getByLabel('Display name').fill('Imported app');
  await options.getByLabel('Custom endpoint (optional)').fill('http://127.0.0.1:9230');
  await options.setViewportSize({ width: 900, height: 1100 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await options.emulateMedia({ colorScheme });
    await options.screenshot({
      path: path.resolve(`e2e/screenshots/options-import-${colorScheme}.png`),
      fullPage: true,
    });
    await expectAccessible(options, `options import (${colorScheme})`);
  }
  await options.getByRole('button', { name: 'Save account' }).click();
  await expect(options.getByText('Saved “Imported app”.')).toBeVisible();
  await expect(options.getByRole('button', { name: 'Edit Imported app' })).toBeVisible();

  const popup = await openPopup(context, extensionId);
  await popup.getByLabel('Account').selectOption({ label: 'Imported app' });
  await expect(popup.locator('#account-picker option:checked')).toHaveText('Imported app');
  await submitSignIn(popup, 'alice', 'Passw0rd!');
  await expectSignedIn(popup, 'alice');
  await expect(popup.locator('[data-field="account"]')).toHaveText('Imported app');
});

test('pasted amplify_outputs.json, and validation that keeps the form', async ({
  context,
  extensionId,
}) => {
  await (await openDemoPopup(context, extensionId)).close();
  const options = await openOptions(context, extensionId);
  await options.getByLabel('Configuration file content').fill(AMPLIFY_OUTPUTS);
  await options.getByRole('button', { name: 'Import pasted settings' }).click();
  await expect(options.getByLabel('User pool id')).toHaveValue('us-east-1_DemoPool0');
  await options.getByLabel('Region').fill('eu-west-1');
  await options.getByRole('button', { name: 'Save account' }).click();
  await expect(options.getByText(/belongs to us-east-1, not eu-west-1/)).toBeVisible();
  await expect(options.getByLabel('App client id')).toHaveValue('3demo0public0client0000000');
});

test('without accounts the popup guides to the options page', async ({ context, extensionId }) => {
  await (await openDemoPopup(context, extensionId)).close();
  const options = await openOptions(context, extensionId);
  for (const name of ['Demo pool', 'Demo pool (client secret)', 'Strict pool']) {
    await options.getByRole('button', { name: `Remove ${name}…` }).click();
    await options.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
    await expect(options.getByText(`Removed “${name}”.`)).toBeVisible();
  }
  await expect(options.getByText(/No account yet\. Add one/)).toBeVisible();
  // Chrome focuses an options tab that is already open instead of opening another.
  await options.close();

  const popup = await openPopup(context, extensionId);
  await expectStep(popup, 'NO_ACCOUNT');
  await captureScreen(popup, 'first-run');
  const opened = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Add an account' }).click();
  const settings = await opened;
  await expect(settings).toHaveURL(/options\.html/);
});
