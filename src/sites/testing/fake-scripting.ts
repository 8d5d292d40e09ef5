/** Test-only: `browser.scripting`'s registration calls, with Chrome's duplicate-id error. */
import type { BridgeRegistration, ScriptingPort } from '../permissions';

export class FakeScripting implements ScriptingPort {
  readonly scripts = new Map<string, BridgeRegistration>();
  registerContentScripts(scripts: BridgeRegistration[]): Promise<void> {
    for (const script of scripts) {
      if (this.scripts.has(script.id)) {
        return Promise.reject(new Error(`Duplicate script ID '${script.id}'`));
      }
    }
    for (const script of scripts) this.scripts.set(script.id, script);
    return Promise.resolve();
  }
  unregisterContentScripts(filter: { ids: string[] }): Promise<void> {
    for (const id of filter.ids) {
      if (!this.scripts.has(id)) return Promise.reject(new Error(`Nonexistent script ID '${id}'`));
    }
    for (const id of filter.ids) this.scripts.delete(id);
    return Promise.resolve();
  }
  readonly injected: Array<{ tabId: number; frameIds: number[]; files: string[] }> = [];
  executeScript(injection: {
    target: { tabId: number; frameIds: number[] };
    files: string[];
  }): Promise<unknown> {
    this.injected.push({ ...injection.target, files: injection.files });
    return Promise.resolve([]);
  }
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<Array<{ id: string }>> {
    const ids = [...this.scripts.keys()].filter((id) => !filter?.ids || filter.ids.includes(id));
    return Promise.resolve(ids.map((id) => ({ id })));
  }
}
