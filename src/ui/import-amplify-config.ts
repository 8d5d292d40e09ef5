/**
 * Reads the user-pool settings out of an Amplify configuration file, so people paste the file
 * their app already has instead of copying three ids by hand. Understands:
 * - Gen 2 `amplify_outputs.json`: `auth.user_pool_id`, `auth.user_pool_client_id`, `auth.aws_region`;
 * - Gen 1 `amplifyconfiguration.json` and `aws-exports.js`: `aws_user_pools_id`,
 *   `aws_user_pools_web_client_id`, `aws_cognito_region` (the .js file is read as text, never run);
 * - the Amplify v6 `Amplify.configure` shape: `Auth.Cognito.userPoolId` / `userPoolClientId`.
 */

import { oauthFromAmplify } from '../oauth/amplify-outputs';
import type { OAuthSettings } from '../oauth/settings';
import { passwordPolicyFromAmplify } from '../session/amplify-password-policy';
import type { PasswordPolicy } from '../session/password-policy';

export interface ImportedPool {
  region: string;
  userPoolId: string;
  clientId: string;
  /** Which file format the settings came from, for the confirmation message. */
  source: 'amplify_outputs.json' | 'aws-exports' | 'Amplify.configure';
  /** The hosted UI (oauth block), when the app has one. */
  oauth?: OAuthSettings;
  /** The pool's password rules, when the file has them. */
  passwordPolicy?: PasswordPolicy;
}

export type ImportResult =
  | { ok: true; pool: ImportedPool }
  | { ok: false; error: { code: string; message: string; recovery: string } };

const NO_USER_POOL = {
  code: 'NoUserPool',
  message: 'This file has no Cognito user pool settings.',
  recovery:
    'Use the amplify_outputs.json of an app with auth (Gen 2), or its aws-exports.js / amplifyconfiguration.json (Gen 1).',
};

const EMPTY = {
  code: 'EmptyConfig',
  message: 'There is nothing to import yet.',
  recovery: 'Paste the content of the file, or choose the file.',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringAt(record: unknown, key: string): string | undefined {
  if (!isRecord(record)) return undefined;
  const value = record[key];
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

/** "us-east-1_AbC" → "us-east-1": the region is the pool id's prefix. */
export function regionOfPoolId(userPoolId: string): string | undefined {
  const separator = userPoolId.indexOf('_');
  return separator > 0 ? userPoolId.slice(0, separator) : undefined;
}

function fromObject(config: Record<string, unknown>): ImportedPool | undefined {
  const auth = config.auth;
  const gen2Pool = stringAt(auth, 'user_pool_id');
  const gen2Client = stringAt(auth, 'user_pool_client_id');
  if (gen2Pool !== undefined && gen2Client !== undefined) {
    const region = stringAt(auth, 'aws_region') ?? regionOfPoolId(gen2Pool);
    if (region !== undefined) {
      const oauth = oauthFromAmplify(isRecord(auth) ? auth.oauth : undefined);
      return {
        region,
        userPoolId: gen2Pool,
        clientId: gen2Client,
        source: 'amplify_outputs.json',
        ...(oauth && { oauth }),
      };
    }
  }
  const gen1Pool = stringAt(config, 'aws_user_pools_id');
  const gen1Client = stringAt(config, 'aws_user_pools_web_client_id');
  if (gen1Pool !== undefined && gen1Client !== undefined) {
    const region =
      stringAt(config, 'aws_cognito_region') ??
      stringAt(config, 'aws_project_region') ??
      regionOfPoolId(gen1Pool);
    if (region !== undefined) {
      const oauth = oauthFromAmplify(config.oauth);
      return {
        region,
        userPoolId: gen1Pool,
        clientId: gen1Client,
        source: 'aws-exports',
        ...(oauth && { oauth }),
      };
    }
  }
  const cognito = isRecord(config.Auth) ? config.Auth.Cognito : undefined;
  const v6Pool = stringAt(cognito, 'userPoolId');
  const v6Client = stringAt(cognito, 'userPoolClientId');
  if (v6Pool !== undefined && v6Client !== undefined) {
    const region = regionOfPoolId(v6Pool);
    if (region !== undefined) {
      return { region, userPoolId: v6Pool, clientId: v6Client, source: 'Amplify.configure' };
    }
  }
  return undefined;
}

/**
 * aws-exports.js is JavaScript (`const awsmobile = {...}; export default awsmobile;`), which a
 * page with a strict CSP must not evaluate: pick the quoted `key: "value"` pairs out of the text.
 */
function fromJavaScriptText(text: string): ImportedPool | undefined {
  const value = (key: string): string | undefined => {
    const match = new RegExp(`["']?${key}["']?\\s*:\\s*(["'\`])([^"'\`]*)\\1`).exec(text);
    const found = match?.[2]?.trim();
    return found === undefined || found.length === 0 ? undefined : found;
  };
  const config: Record<string, unknown> = {};
  for (const key of [
    'aws_user_pools_id',
    'aws_user_pools_web_client_id',
    'aws_cognito_region',
    'aws_project_region',
  ]) {
    const found = value(key);
    if (found !== undefined) config[key] = found;
  }
  const userPoolId = value('userPoolId');
  const userPoolClientId = value('userPoolClientId');
  if (userPoolId !== undefined && userPoolClientId !== undefined) {
    config.Auth = { Cognito: { userPoolId, userPoolClientId } };
  }
  return fromObject(config);
}

export function importAmplifyConfig(text: string): ImportResult {
  if (text.trim().length === 0) return { ok: false, error: EMPTY };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const pool = isRecord(parsed) ? fromObject(parsed) : fromJavaScriptText(text);
  if (pool === undefined) return { ok: false, error: NO_USER_POOL };
  const passwordPolicy = isRecord(parsed) ? passwordPolicyFromAmplify(parsed) : undefined;
  return { ok: true, pool: { ...pool, ...(passwordPolicy && { passwordPolicy }) } };
}
