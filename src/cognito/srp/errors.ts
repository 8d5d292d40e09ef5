export type SrpErrorCode =
  'SrpInvalidServerValue' | 'SrpInvalidChallengeParameter' | 'SrpInvalidEphemeral';

/** An SRP failure with a code, a plain message, and what the person or caller should do next. */
export class SrpError extends Error {
  override readonly name = 'SrpError';
  constructor(
    readonly code: SrpErrorCode,
    message: string,
    readonly recovery: string,
  ) {
    super(message);
  }
}
