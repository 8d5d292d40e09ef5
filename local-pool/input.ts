/** Reading a JSON 1.1 request body with Cognito's validation errors. */
import { CognitoError, Errors } from './errors';

export type Json = Record<string, unknown>;

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export function optionalString(body: Json, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new CognitoError('SerializationException', `${name} must be a string`);
  }
  return value;
}

export function requiredString(body: Json, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined || value === '') throw Errors.missing(lowerFirst(name));
  return value;
}

export function stringMap(body: Json, name: string): Record<string, string> {
  const value = body[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CognitoError('SerializationException', `${name} must be a map of strings`);
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value as Json)) {
    if (item === null || item === undefined) continue;
    if (typeof item !== 'string') {
      throw new CognitoError('SerializationException', `${name}.${key} must be a string`);
    }
    out[key] = item;
  }
  return out;
}

export function nameValueList(body: Json, name: string): Record<string, string> {
  const value = body[name];
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) {
    throw new CognitoError('SerializationException', `${name} must be a list`);
  }
  const out: Record<string, string> = {};
  for (const item of value as unknown[]) {
    const entry = (item ?? {}) as Json;
    if (typeof entry.Name !== 'string') {
      throw new CognitoError('InvalidParameterException', `${name} entries need a Name`);
    }
    out[entry.Name] = typeof entry.Value === 'string' ? entry.Value : '';
  }
  return out;
}

export function objectField(body: Json, name: string): Json | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CognitoError('SerializationException', `${name} must be an object`);
  }
  return value as Json;
}

export function optionalBoolean(body: Json, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    throw new CognitoError('SerializationException', `${name} must be a boolean`);
  }
  return value;
}
