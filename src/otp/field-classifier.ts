/**
 * Finds one-time-code fields in a page: single inputs and rows of single-digit boxes. It reads
 * only attributes and label text (no layout), so it runs the same in happy-dom tests and pages.
 *
 * Scoring: strong hints (`autocomplete="one-time-code"`, words like OTP / 2FA / verification code
 * in the name, id, label, placeholder or aria-label, in several languages) add points; format
 * hints (inputmode numeric, maxlength 6–8, a digits pattern) add a little. Negative signals are
 * vetoes, whatever the score: a field that looks like a password, phone number, card, search box,
 * email, username, address or coupon is never offered a code.
 */

export type OtpField =
  | { readonly kind: 'single'; readonly input: HTMLInputElement; readonly score: number }
  | { readonly kind: 'split'; readonly inputs: readonly HTMLInputElement[] };

export interface InputVerdict {
  readonly score: number;
  /** Why the field can never be a code field (the corpus test prints it for misses). */
  readonly veto: string | undefined;
}

export const SINGLE_FIELD_THRESHOLD = 4;

// Word lists are written as one string each: it keeps the content script small.
export const list = (words: string) => words.split(' ');
const MIN_SPLIT_BOXES = 4;
const MAX_SPLIT_BOXES = 8;
// Boxes of one code sit in one widget: their nearest common ancestor is close to each of them.
const MAX_SPLIT_ANCESTOR_DISTANCE = 3;

const TEXT_LIKE_TYPES = new Set(['', 'text', 'tel', 'number']);

const STRONG_TOKENS = new Set(
  list(
    'otp totp hotp mfa 2fa tfa 2sv otc passcode authenticator onetime bestatigungscode verifizierungscode authentifizierungscode verificatiecode verifikationskod',
  ),
);
const STRONG_PHRASES =
  'one time|two factor|2 step|two step|verification code|verify code|authentication code|auth code|sms code|login code|sign in code|security verification|code de verification|code de confirmation|code a usage unique|codigo de verificacion|codigo de confirmacion|codice di verifica|codigo de autenticacao|kod weryfikacyjny|код подтверждения|одноразовый код'.split(
    '|',
  );
const STRONG_CONDENSED = list(
  'onetimecode onetimepassword verificationcode verifycode authcode authenticationcode smscode otpcode totpcode mfacode',
);
// Scripts written without spaces: plain substrings.
const STRONG_SUBSTRINGS =
  '验证码|驗證碼|校验码|动态码|動態密碼|认证码|認証コード|確認コード|ワンタイム|인증번호|인증 코드|인증코드'.split(
    '|',
  );
// "Confirmation code" also names bookings and orders, and a PIN is a remembered secret, not a
// one-time code: neither counts as strong ("pin" not at all).
const WEAK_TOKENS = new Set(
  list('code codes codigo codice kod код token verif verification verify confirmation sms コード'),
);
// How much of the surrounding form or dialog is read for context.
const CONTEXT_CHARACTERS = 2000;

const NEGATIVE_TOKENS = new Set(
  list(
    'password passwd pwd phone mobile tel telephone telefono telefon card cc ccnum cardnumber cvc cvv csc cvn search query q suche buscar recherche cerca email mail courriel username zip postal postcode plz promo promotion coupon discount gift voucher referral invite invitation recovery backup captcha country area expiry expiration birth birthday dob date amount qty quantity price address street city name firstname lastname iban routing',
  ),
);
const NEGATIVE_SUBSTRINGS = list(
  '手机 手機 电话 電話 密码 密碼 搜索 検索 携帯 パスワード 郵便 邮编 图形验证码 图片验证码 圖形驗證碼 画像認証',
);

// Autocomplete tokens that only say where the field is, not what it is.
const AUTOCOMPLETE_MODIFIERS = new Set(list('on off shipping billing home work mobile fax pager'));

/** Lower case, accents stripped, camelCase / snake_case / dotted names split into words. */
function words(text: string): string {
  return text
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function textOf(element: Element | null): string {
  return element?.textContent.trim() ?? '';
}

/** Everything that names the field: attributes and the text of its labels. */
function describingTexts(input: HTMLInputElement): string[] {
  const document = input.ownerDocument;
  const texts = [
    input.name,
    input.id,
    input.placeholder,
    input.getAttribute('aria-label') ?? '',
    input.title,
  ];
  for (const id of (input.getAttribute('aria-labelledby') ?? '').split(/\s+/)) {
    if (id) texts.push(textOf(document.getElementById(id)));
  }
  if (input.id) {
    for (const label of document.querySelectorAll('label')) {
      if (label.htmlFor === input.id) texts.push(textOf(label));
    }
  }
  texts.push(textOf(input.closest('label')));
  return texts.filter((text) => text !== '');
}

function isHidden(input: HTMLInputElement): boolean {
  if (input.closest('[hidden], [aria-hidden="true"]')) return true;
  const style = (input.getAttribute('style') ?? '').replace(/\s/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

function autocompleteTokens(input: HTMLInputElement): string[] {
  return (input.getAttribute('autocomplete') ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((token) => token !== '' && !token.startsWith('section-'));
}

/** The veto, if any: negative signals win over every positive one. */
function vetoOf(input: HTMLInputElement, texts: readonly string[]): string | undefined {
  const type = (input.getAttribute('type') ?? '').toLowerCase();
  if (!TEXT_LIKE_TYPES.has(type)) return 'type';
  if (input.disabled) return 'disabled';
  if (input.readOnly) return 'readonly';
  if (isHidden(input)) return 'hidden';
  const autocomplete = autocompleteTokens(input);
  const otherPurpose = autocomplete.find(
    (token) => token !== 'one-time-code' && !AUTOCOMPLETE_MODIFIERS.has(token),
  );
  if (otherPurpose !== undefined && !autocomplete.includes('one-time-code')) {
    return 'autocomplete';
  }
  for (const text of texts) {
    const negativeSubstring = NEGATIVE_SUBSTRINGS.find((needle) => text.includes(needle));
    if (negativeSubstring) return negativeSubstring;
    const negativeToken = words(text)
      .split(' ')
      .find((token) => NEGATIVE_TOKENS.has(token));
    if (negativeToken) return negativeToken;
  }
  return undefined;
}

function strongKeyword(text: string): string | undefined {
  const normalized = words(text);
  const condensed = normalized.replace(/ /g, '');
  return (
    normalized.split(' ').find((token) => STRONG_TOKENS.has(token)) ??
    STRONG_PHRASES.find((phrase) => ` ${normalized} `.includes(` ${phrase} `)) ??
    STRONG_CONDENSED.find((needle) => condensed.includes(needle)) ??
    STRONG_SUBSTRINGS.find((needle) => text.includes(needle))
  );
}

function keywordScore(texts: readonly string[]): number {
  let weak = false;
  for (const text of texts) {
    if (strongKeyword(text) !== undefined) return 4;
    weak ||= words(text)
      .split(' ')
      .some((token) => WEAK_TOKENS.has(token));
  }
  return weak ? 2 : 0;
}

/** How much one input looks like a one-time-code field on its own. */
export function scoreInput(input: HTMLInputElement): InputVerdict {
  const texts = describingTexts(input);
  const veto = vetoOf(input, texts);
  let score = autocompleteTokens(input).includes('one-time-code') ? 6 : 0;
  score += keywordScore(texts);
  // A heading such as "Enter your verification code" often sits in the form, not in a label.
  const container = input.closest('form, fieldset, dialog, [role="dialog"]');
  const context = container?.textContent.slice(0, CONTEXT_CHARACTERS);
  if (context !== undefined && strongKeyword(context) !== undefined) score += 2;
  if ((input.getAttribute('inputmode') ?? '').toLowerCase() === 'numeric') score += 1;
  const maxLength = input.maxLength;
  if (maxLength >= 6 && maxLength <= 8) score += 1;
  else if (maxLength > 0 && (maxLength < 4 || maxLength > 10)) score -= 2;
  if (/\[0-9|\\d/.test(input.getAttribute('pattern') ?? '')) score += 1;
  return { score, veto };
}

function isDigitBox(input: HTMLInputElement): boolean {
  return input.maxLength === 1 && scoreInput(input).veto === undefined;
}

function ancestorDistance(ancestor: Node, node: Node): number {
  let distance = 0;
  for (
    let current: Node | null = node;
    current && current !== ancestor;
    current = current.parentNode
  ) {
    distance++;
  }
  return distance;
}

function commonAncestor(a: Node, b: Node): Node | null {
  for (let current: Node | null = a; current; current = current.parentNode) {
    if (current.contains(b)) return current;
  }
  return null;
}

function belongsToRow(row: readonly HTMLInputElement[], next: HTMLInputElement): boolean {
  const first = row[0];
  if (!first) return true;
  const ancestor = commonAncestor(first, next);
  return (
    ancestor !== null &&
    ancestorDistance(ancestor, first) <= MAX_SPLIT_ANCESTOR_DISTANCE &&
    ancestorDistance(ancestor, next) <= MAX_SPLIT_ANCESTOR_DISTANCE
  );
}

/** Rows of 4–8 consecutive single-character boxes in one widget. */
function findDigitRows(inputs: readonly HTMLInputElement[]): HTMLInputElement[][] {
  const rows: HTMLInputElement[][] = [];
  let row: HTMLInputElement[] = [];
  const close = () => {
    if (row.length >= MIN_SPLIT_BOXES && row.length <= MAX_SPLIT_BOXES) rows.push(row);
    row = [];
  };
  for (const input of inputs) {
    // Hidden inputs between boxes (framework state) do not break a row.
    if (input.type === 'hidden') continue;
    if (!isDigitBox(input)) {
      close();
      continue;
    }
    if (!belongsToRow(row, input)) close();
    row.push(input);
  }
  close();
  return rows;
}

/** Every one-time-code field under `root`, in document order. */
export function findOtpFields(root: ParentNode): OtpField[] {
  const inputs = [...root.querySelectorAll('input')];
  const rows = findDigitRows(inputs);
  const inRow = new Set(rows.flat());
  const fields: { position: number; field: OtpField }[] = rows.map((row) => ({
    position: inputs.indexOf(row[0] as HTMLInputElement),
    field: { kind: 'split', inputs: row },
  }));
  inputs.forEach((input, position) => {
    if (inRow.has(input)) return;
    const verdict = scoreInput(input);
    if (verdict.veto === undefined && verdict.score >= SINGLE_FIELD_THRESHOLD) {
      fields.push({ position, field: { kind: 'single', input, score: verdict.score } });
    }
  });
  return fields.sort((a, b) => a.position - b.position).map(({ field }) => field);
}
