/**
 * Messages between the otp-autofill content script and the background. The request carries
 * nothing but its type: which entry answers is decided by the background from the sender's
 * origin, never by anything the page could influence. Only a current code ever travels back.
 * (The fill shortcut and menu entry send no message: src/otp/fill-command.ts injects the code.)
 */
import * as v from 'valibot';

const codeSchema = v.pipe(v.string(), v.regex(/^[0-9]{6,8}$/));

/**
 * Content script → background, sent after the person clicked the fill button; or, with `auto`,
 * when a field appeared on an origin the person opted in for filling without a click (the
 * background refuses `auto` everywhere else).
 */
export const OtpGetCodeRequestSchema = v.strictObject({
  type: v.literal('otp:getCode'),
  auto: v.optional(v.literal(true)),
});
export type OtpGetCodeRequest = v.InferOutput<typeof OtpGetCodeRequestSchema>;

export const OtpErrorSchema = v.strictObject({
  code: v.pipe(v.string(), v.maxLength(64)),
  message: v.pipe(v.string(), v.maxLength(512)),
  recovery: v.pipe(v.string(), v.maxLength(512)),
});

export const OtpCodeResponseSchema = v.variant('ok', [
  v.strictObject({
    ok: v.literal(true),
    code: codeSchema,
    /** Seconds before this code stops being valid. */
    secondsRemaining: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(300)),
  }),
  v.strictObject({ ok: v.literal(false), error: OtpErrorSchema }),
]);
export type OtpCodeResponse = v.InferOutput<typeof OtpCodeResponseSchema>;
