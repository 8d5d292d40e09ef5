/**
 * Where the pool "sends" SMS and email: every message is kept (oldest first) so people and tests
 * can read the codes, and announced on the log line the server was given.
 */
export interface OutboxMessage {
  to: string;
  medium: 'SMS' | 'EMAIL';
  username: string;
  code: string;
  message: string;
  /** ISO 8601, from the pool's clock. */
  sentAt: string;
}

export class Outbox {
  private messages: OutboxMessage[] = [];

  constructor(
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  send(message: Omit<OutboxMessage, 'sentAt'>): OutboxMessage {
    const stored = { ...message, sentAt: new Date(this.now()).toISOString() };
    this.messages.push(stored);
    this.log(`${stored.medium} to ${stored.to} (${stored.username}): ${stored.message}`);
    return stored;
  }

  list(): OutboxMessage[] {
    return this.messages.map((message) => ({ ...message }));
  }

  clear(): void {
    this.messages = [];
  }
}

/** Cognito masks destinations in CodeDeliveryDetails: "+*******0100", "a***@e***". */
export function maskDestination(medium: 'SMS' | 'EMAIL', to: string): string {
  if (medium === 'SMS') return `+${'*'.repeat(Math.max(0, to.length - 5))}${to.slice(-4)}`;
  const [local = '', domain = ''] = to.split('@');
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`;
}

export function codeDeliveryDetails(medium: 'SMS' | 'EMAIL', to: string) {
  return {
    Destination: maskDestination(medium, to),
    DeliveryMedium: medium,
    AttributeName: medium === 'SMS' ? 'phone_number' : 'email',
  };
}
