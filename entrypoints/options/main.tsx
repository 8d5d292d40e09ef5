import { render } from 'preact';
import { createBrowserPageClient } from '../../src/platform/page-client';
import { OptionsApp } from '../../src/ui/options-app';
import '../../src/ui/theme.css';

render(<OptionsApp client={createBrowserPageClient()} />, document.body);
