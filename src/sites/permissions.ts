/**
 * Host access and bridge registration for one site. The grant itself (`permissions.request`)
 * must run inside the person's click, so pages call `requestSiteAccess` first thing in their click
 * handler; the background then checks the grant and registers the bridge for exactly that origin.
 */
import type { SiteFormat } from './allow-list';
import { normalizeOrigin, originMatchPattern, originOfScriptId, originScriptId } from './origin';

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

export function bridgeScriptId(origin: string): string {
  return originScriptId(BRIDGE_ID_PREFIX, origin);
}

export function originOfBridgeScriptId(id: string): string | undefined {
  return originOfScriptId(BRIDGE_ID_PREFIX, id);
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
