import type { OtpEntryView } from '../../platform/feature-protocol';

/** "123 456" / "1234 5678": two halves are easier to read and type. */
export function groupCode(code: string): string {
  if (code.length < 6) return code;
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** Entries whose issuer or account contains the query, case-insensitively. */
export function filterEntries(entries: OtpEntryView[], query: string): OtpEntryView[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return entries;
  return entries.filter((entry) =>
    `${entry.issuer}\n${entry.account}`.toLowerCase().includes(needle),
  );
}

/** Search appears only once scrolling through the list gets tedious. */
export const SEARCH_THRESHOLD = 5;
