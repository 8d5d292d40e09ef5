/**
 * Host access and bridge registration for one site. The grant itself (`permissions.request`)
 * must run inside the person's click, so pages call `requestSiteAccess` first thing in their click
 * handler; the background then checks the grant and registers the bridge for exactly that origin.
 */
import type { SiteFormat } from './allow-list';
import { normalizeOrigin, originMatchPattern } from './origin';

/** Path of the built bridge script (WXT's output for entrypoints/session-bridge.content.ts). */
export const BRIDGE_SCRIPT_FILE = 'content-scripts/session-bridge.js';
const BRIDGE_ID_PREFIX = 'session-bridge-';

export interface RequestPermissionsPort {
  request(permissions: { origins: string[] }): Promise<boolean>;
}

export interface BridgeRegistration {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_start';
  allFrames: false;
  persistAcrossSessions: true;
}

/** The part of `browser.scripting` this module uses. */
export interface ScriptingPort {
  registerContentScripts(scripts: BridgeRegistration[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<Array<{ id: string }>>;
  executeScript(injection: {
    target: { tabId: number; frameIds: number[] };
    files: string[];
  }): Promise<unknown>;
}

/**
 * The patterns a site needs: its own origin, and for the header format each API origin too
 * (Chromium applies a modifyHeaders rule only where the extension has host access to the request).
 */
export function originsToRequest(site: {
  origin: string;
  format: SiteFormat;
  apiOrigins?: readonly string[];
}): string[] {
  const origins = [
    site.origin,
    ...(site.format === 'authorization-header' ? (site.apiOrigins ?? []) : []),
  ];
  return [...new Set(origins.map((origin) => originMatchPattern(normalizeOrigin(origin))))];
}

/** Call first thing in a click handler (a user gesture is required); true when granted. */
export function requestSiteAccess(
  permissions: RequestPermissionsPort,
  site: { origin: string; format: SiteFormat; apiOrigins?: readonly string[] },
): Promise<boolean> {
  return permissions.request({ origins: originsToRequest(site) });
}

/** Stable, unique and safe as a script id: the origin's UTF-8 bytes in hex. */
export function bridgeScriptId(origin: string): string {
  const hex = [...new TextEncoder().encode(origin)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
  return `${BRIDGE_ID_PREFIX}${hex}`;
}

export function originOfBridgeScriptId(id: string): string | undefined {
  if (!id.startsWith(BRIDGE_ID_PREFIX)) return undefined;
  const hex = id.slice(BRIDGE_ID_PREFIX.length);
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []);
  return new TextDecoder().decode(bytes);
}

export function bridgeRegistration(origin: string): BridgeRegistration {
  return {
    id: bridgeScriptId(origin),
    matches: [originMatchPattern(origin)],
    js: [BRIDGE_SCRIPT_FILE],
    // Before the page's own scripts, top frame only (a framed page must not get the session),
    // and kept across browser restarts so the first load after a restart is covered too.
    runAt: 'document_start',
    allFrames: false,
    persistAcrossSessions: true,
  };
}

/** Idempotent: replaces an existing registration for the origin. */
export async function registerBridge(scripting: ScriptingPort, origin: string): Promise<void> {
  const id = bridgeScriptId(origin);
  const existing = await scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [id] });
  await scripting.registerContentScripts([bridgeRegistration(origin)]);
}

export async function unregisterBridge(scripting: ScriptingPort, origin: string): Promise<void> {
  const id = bridgeScriptId(origin);
  const existing = await scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [id] });
}

/** Origins that have a bridge registered right now. */
export async function registeredBridgeOrigins(scripting: ScriptingPort): Promise<string[]> {
  return (await scripting.getRegisteredContentScripts())
    .map((script) => originOfBridgeScriptId(script.id))
    .filter((origin): origin is string => origin !== undefined);
}

/**
 * A registration only affects documents loaded after it: the tab the person clicked "share" in
 * gets the bridge injected now, so it signs in without a reload.
 */
export async function injectBridgeNow(scripting: ScriptingPort, tabIds: number[]): Promise<void> {
  for (const tabId of tabIds) {
    await scripting
      .executeScript({ target: { tabId, frameIds: [0] }, files: [BRIDGE_SCRIPT_FILE] })
      .catch(() => undefined); // A tab that navigated away meanwhile is simply skipped.
  }
}
