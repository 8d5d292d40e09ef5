import { render } from 'preact';
import { OptionsApp } from '../../src/ui/options-app';
import '../../src/ui/theme.css';

render(<OptionsApp />, document.body);
