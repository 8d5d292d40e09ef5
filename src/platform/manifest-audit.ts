/**
 * Audits a built or generated manifest against what Cognito Pass promises: no access to target
 * sites until the person grants it, nobody else can connect, no eval. Returns every problem found
 * (empty = pass) so the test can print them all at once.
 */
export interface ManifestLike {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  externally_connectable?: { ids?: string[]; matches?: string[] };
  content_security_policy?: { extension_pages?: string; sandbox?: string } | string;
  web_accessible_resources?: unknown[];
}

const ALLOWED_PERMISSIONS = new Set([
  'storage',
  'alarms',
  'scripting',
  'activeTab',
  'identity',
  'declarativeNetRequest',
  // Only for granted sites (host access is still required per origin): the session version.
  'cookies',
  // The "Fill one-time code" entry; no install warning.
  'contextMenus',
]);
const BROAD_HOST =
  /^(<all_urls>|\*:\/\/\*\/.*|https?:\/\/\*\/.*|https?:\/\/\*\.[^/]+\/.*|\*:\/\/.*)$/;
const COGNITO_HOST = /^https:\/\/cognito-idp\.[a-z]{2}(-gov)?-[a-z]+-\d\.amazonaws\.com\/\*$/;
const LOCAL_POOL_HOST = /^http:\/\/(127\.0\.0\.1|localhost):\d+\/\*$/;

export function auditManifest(manifest: ManifestLike): string[] {
  const problems: string[] = [];
  for (const permission of manifest.permissions ?? []) {
    if (permission === '<all_urls>' || permission.includes('://')) {
      problems.push(`host pattern in permissions: ${permission}`);
    } else if (!ALLOWED_PERMISSIONS.has(permission)) {
      problems.push(`unexpected permission: ${permission}`);
    }
  }
  for (const host of manifest.host_permissions ?? []) {
    if (BROAD_HOST.test(host)) problems.push(`broad host permission: ${host}`);
    else if (!COGNITO_HOST.test(host) && !LOCAL_POOL_HOST.test(host)) {
      problems.push(`host permission for something other than Cognito or the local pool: ${host}`);
    }
  }
  for (const script of manifest.content_scripts ?? []) {
    problems.push(
      `static content script (must be registered at run time): ${(script.matches ?? []).join(', ')}`,
    );
  }
  const connectable = manifest.externally_connectable;
  if (!connectable)
    problems.push('externally_connectable is missing (other extensions could connect)');
  else if ((connectable.ids ?? []).length > 0 || (connectable.matches ?? []).length > 0) {
    problems.push('externally_connectable lets someone connect');
  }
  const csp = manifest.content_security_policy;
  const pagesCsp = typeof csp === 'string' ? csp : csp?.extension_pages;
  if (!pagesCsp) problems.push('no extension_pages content security policy');
  else {
    if (/unsafe-eval|wasm-unsafe-eval/.test(pagesCsp)) problems.push('CSP allows eval');
    if (/unsafe-inline/.test(pagesCsp)) problems.push('CSP allows inline scripts');
    if (!/script-src 'self'(;|$)/.test(pagesCsp))
      problems.push("CSP script-src is not exactly 'self'");
  }
  if ((manifest.web_accessible_resources ?? []).length > 0) {
    problems.push('web_accessible_resources exposes extension files to pages');
  }
  return problems;
}
