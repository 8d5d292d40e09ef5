/**
 * The bridge ↔ background messages. The bridge is the least trusted part of the extension (it
 * lives in web pages), so it can ask exactly one thing, with nothing in it; everything it gets
 * back is validated again before it touches the page.
 */
import * as v from 'valibot';
import { VERSION_PATTERN } from './session-version';

/** The only request a bridge may send: "the session of my origin" (the origin is the sender's). */
export const BridgeRequestSchema = v.strictObject({ type: v.literal('bridge:getSession') });
export type BridgeRequest = v.InferOutput<typeof BridgeRequestSchema>;

const key = v.pipe(v.string(), v.minLength(1), v.maxLength(512));
// JWTs with many groups can be large; a cookie cannot exceed ~4 KB anyway.
const value = v.pipe(v.string(), v.maxLength(16_384));
// Never a one-character prefix: a removal must not be able to wipe a page's whole storage.
const prefix = v.pipe(v.string(), v.minLength(8), v.maxLength(512));
const cookieToken = v.pipe(v.string(), v.regex(/^[^\s;,=]+$/), v.maxLength(512));
const cookieValue = v.pipe(v.string(), v.regex(/^[^\s;,]*$/), v.maxLength(16_384));

export const BridgeApplySchema = v.strictObject({
  type: v.literal('bridge:apply'),
  writes: v.pipe(
    v.array(
      v.variant('area', [
        v.strictObject({ area: v.literal('localStorage'), key, value }),
        v.strictObject({
          area: v.literal('cookie'),
          name: cookieToken,
          value: cookieValue,
          secure: v.boolean(),
        }),
      ]),
    ),
    v.maxLength(16),
  ),
  removals: v.pipe(
    v.array(
      v.strictObject({
        area: v.picklist(['localStorage', 'cookie']),
        prefix,
        suffixes: v.pipe(
          v.array(v.pipe(v.string(), v.minLength(2), v.maxLength(64))),
          v.minLength(1),
          v.maxLength(16),
        ),
        secure: v.boolean(),
      }),
    ),
    v.maxLength(4),
  ),
  /** The session's version (session-version.ts); absent when a removed site is cleared. */
  version: v.optional(v.pipe(v.string(), v.regex(VERSION_PATTERN))),
});
export type BridgeApply = v.InferOutput<typeof BridgeApplySchema>;

/** The answer to a request that failed any check: carries nothing. */
export interface BridgeRejected {
  type: 'bridge:rejected';
}

export type BridgeResponse = BridgeApply | BridgeRejected;

/** True for anything that claims to be a bridge message (so the background owns the reply). */
export function isBridgeTraffic(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { type?: unknown }).type === 'string' &&
    (message as { type: string }).type.startsWith('bridge:')
  );
}
