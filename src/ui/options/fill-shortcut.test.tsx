// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FillShortcut } from './fill-shortcut';

afterEach(cleanup);

describe('FillShortcut', () => {
  it('shows the key the browser has bound and where to change it', async () => {
    render(<FillShortcut read={() => Promise.resolve('Alt+Shift+O')} />);
    expect((await screen.findByText('Alt+Shift+O')).tagName).toBe('KBD');
    expect(screen.getByText(/Fill one-time code/)).toBeTruthy();
    expect(screen.getByText('chrome://extensions/shortcuts')).toBeTruthy();
  });

  it('says so when no key is bound', async () => {
    render(<FillShortcut read={() => Promise.resolve('')} />);
    expect(await screen.findByText(/No keyboard shortcut is set/)).toBeTruthy();
    expect(document.querySelector('kbd')).toBeNull();
  });
});
