import { describe, expect, it } from 'vitest';
import { oauthFromAmplify } from './amplify-outputs';

describe('oauthFromAmplify', () => {
  it('reads Gen 2 auth.oauth: domain gets https, Amplify provider names become Cognito names', () => {
    expect(
      oauthFromAmplify({
        identity_providers: ['GOOGLE', 'SIGN_IN_WITH_APPLE', 'MyOidc'],
        domain: 'myapp.auth.eu-west-2.amazoncognito.com',
        scopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
        redirect_sign_in_uri: ['http://localhost:3000/'],
        redirect_sign_out_uri: ['http://localhost:3000/'],
        response_type: 'code',
      }),
    ).toEqual({
      domain: 'https://myapp.auth.eu-west-2.amazoncognito.com',
      scopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
      identityProviders: ['COGNITO', 'Google', 'SignInWithApple', 'MyOidc'],
    });
  });

  it('reads Gen 1 oauth (scope, no providers) and defaults the scopes', () => {
    expect(
      oauthFromAmplify({
        domain: 'auth.example.com/',
        scope: ['openid', 'phone'],
        responseType: 'code',
      }),
    ).toEqual({
      domain: 'https://auth.example.com',
      scopes: ['openid', 'phone'],
      identityProviders: ['COGNITO'],
    });
    expect(oauthFromAmplify({ domain: 'auth.example.com' })?.scopes).toEqual([
      'openid',
      'email',
      'profile',
    ]);
  });

  it('is undefined without a usable domain', () => {
    expect(oauthFromAmplify({})).toBeUndefined();
    expect(oauthFromAmplify(undefined)).toBeUndefined();
    expect(oauthFromAmplify({ domain: 'http://not-loopback.example' })).toBeUndefined();
    expect(oauthFromAmplify({ domain: 'has space.example' })).toBeUndefined();
  });
});
