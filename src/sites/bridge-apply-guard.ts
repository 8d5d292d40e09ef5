/**
 * The bridge's own check of `bridge:apply`, written out by hand: the content script has an 8 kB
 * budget and valibot would take a quarter of it. It must accept exactly what `BridgeApplySchema`
 * accepts; bridge-apply-guard.test.ts compares the two on generated messages.
 */
import type { BridgeApply } from './bridge-messages';
import { VERSION_PATTERN } from './session-version';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasExactly(value: Plain, keys: string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => own.includes(key));
}

function isText(value: unknown, min: number, max: number, pattern?: RegExp): value is string {
  return (
    typeof value === 'string' &&
    value.length >= min &&
    value.length <= max &&
    (pattern === undefined || pattern.test(value))
  );
}

function isWrite(value: unknown): boolean {
  if (!isPlain(value)) return false;
  if (value.area === 'localStorage') {
    return (
      hasExactly(value, ['area', 'key', 'value']) &&
      isText(value.key, 1, 512) &&
      isText(value.value, 0, 16_384)
    );
  }
  if (value.area === 'cookie') {
    return (
      hasExactly(value, ['area', 'name', 'value', 'secure']) &&
      isText(value.name, 0, 512, /^[^\s;,=]+$/) &&
      isText(value.value, 0, 16_384, /^[^\s;,]*$/) &&
      typeof value.secure === 'boolean'
    );
  }
  return false;
}

function isRemoval(value: unknown): boolean {
  return (
    isPlain(value) &&
    hasExactly(value, ['area', 'prefix', 'suffixes', 'secure']) &&
    (value.area === 'localStorage' || value.area === 'cookie') &&
    isText(value.prefix, 8, 512) &&
    Array.isArray(value.suffixes) &&
    value.suffixes.length >= 1 &&
    value.suffixes.length <= 16 &&
    value.suffixes.every((suffix) => isText(suffix, 2, 64)) &&
    typeof value.secure === 'boolean'
  );
}

export function isBridgeApply(message: unknown): message is BridgeApply {
  return (
    isPlain(message) &&
    (hasExactly(message, ['type', 'writes', 'removals']) ||
      (hasExactly(message, ['type', 'writes', 'removals', 'version']) &&
        (message.version === undefined || isText(message.version, 16, 16, VERSION_PATTERN)))) &&
    message.type === 'bridge:apply' &&
    Array.isArray(message.writes) &&
    message.writes.length <= 16 &&
    message.writes.every(isWrite) &&
    Array.isArray(message.removals) &&
    message.removals.length <= 4 &&
    message.removals.every(isRemoval)
  );
}
