import { describe, expect, it, vi } from 'vitest';
import { sendWithRedelivery } from './redelivery';

const undelivered = () =>
  Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));

describe('sendWithRedelivery', () => {
  it('sends again while nobody received the message, and returns the first answer', async () => {
    let calls = 0;
    const send = vi.fn((_message: unknown) =>
      ++calls < 3 ? undelivered() : Promise.resolve('ok'),
    );
    await expect(sendWithRedelivery(send, { type: 'bridge:getSession' })).resolves.toBe('ok');
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('gives up after four undelivered tries', async () => {
    const send = vi.fn(undelivered);
    await expect(sendWithRedelivery(send, { type: 'passkeys:list' })).rejects.toThrow(
      'Receiving end does not exist',
    );
    expect(send).toHaveBeenCalledTimes(4);
  });

  it('never repeats a message that was received and failed', async () => {
    const send = vi.fn(() => Promise.reject(new Error('Extension context invalidated.')));
    await expect(sendWithRedelivery(send, {})).rejects.toThrow('invalidated');
    expect(send).toHaveBeenCalledTimes(1);
  });
});
