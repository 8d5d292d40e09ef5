import { render } from 'preact';
import { PopupApp } from '../../src/ui/popup-app';
import '../../src/ui/theme.css';

render(<PopupApp />, document.body);
