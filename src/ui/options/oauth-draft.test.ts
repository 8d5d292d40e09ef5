import { describe, expect, it } from 'vitest';
import { EMPTY_OAUTH_DRAFT, draftFromSettings, settingsFromDraft } from './oauth-draft';

describe('hosted-UI fields', () => {
  it('all empty means no hosted UI', () => {
    expect(settingsFromDraft(EMPTY_OAUTH_DRAFT)).toEqual({ ok: true, oauth: null });
  });

  it('parses a domain without scheme, scopes and providers; COGNITO when none is named', () => {
    expect(
      settingsFromDraft({
        domain: ' myapp.auth.us-east-1.amazoncognito.com/ ',
        scopes: 'openid, email  profile',
        providers: '',
      }),
    ).toEqual({
      ok: true,
      oauth: {
        domain: 'https://myapp.auth.us-east-1.amazoncognito.com',
        scopes: ['openid', 'email', 'profile'],
        identityProviders: ['COGNITO'],
      },
    });
  });

  it('round-trips stored settings', () => {
    const oauth = {
      domain: 'http://127.0.0.1:9230',
      scopes: ['openid', 'email'],
      identityProviders: ['COGNITO', 'DemoIdP'],
    };
    expect(settingsFromDraft(draftFromSettings(oauth))).toEqual({ ok: true, oauth });
  });

  it('names each problem', () => {
    const result = settingsFromDraft({
      domain: 'http://auth.example.com',
      scopes: 'email',
      providers: 'Goo gle!',
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.problems).sort()).toEqual(['domain', 'providers', 'scopes']);
  });
});
