// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RowActions, type RowActionsProps } from './row-actions';

function props(overrides: Partial<RowActionsProps> = {}): RowActionsProps {
  return {
    name: 'Demo pool',
    confirmLabel: 'Remove Demo pool',
    busy: false,
    onEdit: vi.fn(),
    onConfirmRemove: vi.fn(() => Promise.resolve()),
    ...overrides,
  };
}

describe('RowActions', () => {
  afterEach(cleanup);

  it('offers Edit and Remove, named after the row; Remove only asks', () => {
    const given = props();
    render(<RowActions {...given} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Demo pool' }));
    expect(given.onEdit).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Remove Demo pool…' }));
    expect(given.onConfirmRemove).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Edit Demo pool' })).toBeNull();
  });

  it('Keep goes back without removing', () => {
    const given = props();
    render(<RowActions {...given} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Demo pool…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    expect(given.onConfirmRemove).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Edit Demo pool' })).toBeTruthy();
  });

  it('the confirming button removes, and the pair comes back when the removal settles', async () => {
    let settle: () => void = () => undefined;
    const given = props({
      onConfirmRemove: vi.fn(() => new Promise<void>((resolve) => (settle = resolve))),
    });
    render(<RowActions {...given} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Demo pool…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Demo pool' }));
    expect(given.onConfirmRemove).toHaveBeenCalledOnce();
    expect(screen.getByRole('button', { name: 'Keep' })).toBeTruthy();
    settle();
    await waitFor(() => screen.getByRole('button', { name: 'Edit Demo pool' }));
  });

  it('disables the confirming button while a request runs (one click, one removal)', () => {
    render(<RowActions {...props({ busy: true })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Demo pool…' }));
    expect(screen.getByRole('button', { name: 'Remove Demo pool' })).toHaveProperty(
      'disabled',
      true,
    );
  });
});
