// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RowActions, type RowActionsProps } from './row-actions';

function props(overrides: Partial<RowActionsProps> = {}): RowActionsProps {
  return {
    name: 'Demo pool',
    confirmLabel: 'Remove Demo pool',
    busy: false,
    confirming: false,
    onEdit: vi.fn(),
    onRemove: vi.fn(),
    onCancelRemove: vi.fn(),
    onConfirmRemove: vi.fn(),
    ...overrides,
  };
}

describe('RowActions', () => {
  afterEach(cleanup);

  it('offers Edit and Remove, named after the row', () => {
    const given = props();
    render(<RowActions {...given} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Demo pool' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Demo pool…' }));
    expect(given.onEdit).toHaveBeenCalledOnce();
    expect(given.onRemove).toHaveBeenCalledOnce();
    expect(given.onConfirmRemove).not.toHaveBeenCalled();
  });

  it('asks to confirm in place: the confirming button removes, Keep cancels', () => {
    const given = props({ confirming: true });
    render(<RowActions {...given} />);
    expect(screen.queryByRole('button', { name: 'Edit Demo pool' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove Demo pool' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    expect(given.onConfirmRemove).toHaveBeenCalledOnce();
    expect(given.onCancelRemove).toHaveBeenCalledOnce();
  });

  it('disables the confirming button while a request runs (one click, one removal)', () => {
    render(<RowActions {...props({ confirming: true, busy: true })} />);
    expect(screen.getByRole('button', { name: 'Remove Demo pool' })).toHaveProperty(
      'disabled',
      true,
    );
  });
});
