/**
 * What the background and the injected `otp-fill` script agree on, in a file of its own so the
 * background does not bundle the field classifier just to name the global.
 */

/** What the page reports back; the background turns anything but `filled` into feedback. */
export type PageFillResult = 'filled' | 'no-field' | 'other-origin';

/** Where the unlisted script leaves the filler for the background's next injection. */
export const PAGE_FILL_GLOBAL = 'cognitoPassFillOneTimeCode';
