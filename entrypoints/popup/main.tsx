import { render } from 'preact';
import { createBrowserPageClient } from '../../src/platform/page-client';
import { createBrowserPasskeyApi } from '../../src/platform/passkey-page-api';
import { PopupApp } from '../../src/ui/popup-app';
import '../../src/ui/theme.css';

render(
  <PopupApp client={createBrowserPageClient()} passkeys={createBrowserPasskeyApi()} />,
  document.body,
);
