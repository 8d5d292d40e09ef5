import { render } from 'preact';
import { createBrowserPageClient } from '../../src/platform/page-client';
import { PopupApp } from '../../src/ui/popup-app';
import '../../src/ui/theme.css';

render(<PopupApp client={createBrowserPageClient()} />, document.body);
