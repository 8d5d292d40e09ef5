/**
 * `--data DIR`: the signing key and the pool data as JSON files, written after every change
 * (write to a temporary file, then rename, so a crash never leaves half a file).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import type { StateData } from './state';

const STATE_FILE = 'state.json';
const KEY_FILE = 'signing-key.json';

function writeAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, path);
}

function readJson(path: string): unknown {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined;
}

export interface DataDir {
  loadState(): StateData | undefined;
  saveState(state: StateData): void;
  loadKey(): JWK | undefined;
  saveKey(jwk: JWK): void;
}

export function openDataDir(dir: string): DataDir {
  mkdirSync(dir, { recursive: true });
  return {
    loadState: () => readJson(join(dir, STATE_FILE)) as StateData | undefined,
    saveState: (state) => writeAtomic(join(dir, STATE_FILE), JSON.stringify(state)),
    loadKey: () => readJson(join(dir, KEY_FILE)) as JWK | undefined,
    saveKey: (jwk) => writeAtomic(join(dir, KEY_FILE), JSON.stringify(jwk)),
  };
}
