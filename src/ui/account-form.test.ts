import { describe, expect, it } from 'vitest';
import {
  EMPTY_ACCOUNT_FORM,
  formFromAccount,
  validateAccountForm,
  type AccountForm,
} from './account-form';
import { DEMO_ACCOUNT } from './testing/fixtures';

const valid: AccountForm = {
  ...EMPTY_ACCOUNT_FORM,
  displayName: ' Demo pool ',
  region: 'us-east-1',
  userPoolId: 'us-east-1_DemoPool0',
  clientId: '3demo0public0client0000000',
};

describe('validateAccountForm', () => {
  it('accepts a complete form and trims it into an AccountInput', () => {
    expect(validateAccountForm({ ...valid, endpoint: ' http://127.0.0.1:9230 ' })).toEqual({
      ok: true,
      account: {
        displayName: 'Demo pool',
        region: 'us-east-1',
        userPoolId: 'us-east-1_DemoPool0',
        clientId: '3demo0public0client0000000',
        endpoint: 'http://127.0.0.1:9230',
        staySignedIn: false,
      },
    });
  });

  it('keeps the id, the secret, the flow and "stay signed in" when given', () => {
    const result = validateAccountForm({
      ...valid,
      id: 'acc-1',
      clientSecret: 'demo-client-secret',
      staySignedIn: true,
      defaultAuthFlow: 'USER_AUTH',
    });
    expect(result).toMatchObject({
      ok: true,
      account: {
        id: 'acc-1',
        clientSecret: 'demo-client-secret',
        staySignedIn: true,
        defaultAuthFlow: 'USER_AUTH',
      },
    });
  });

  it('names every problem at once', () => {
    const result = validateAccountForm(EMPTY_ACCOUNT_FORM);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.problems).sort()).toEqual([
        'clientId',
        'displayName',
        'region',
        'userPoolId',
      ]);
    }
  });

  it('refuses a pool id from another region than the one chosen', () => {
    const result = validateAccountForm({ ...valid, region: 'eu-west-1' });
    expect(result).toEqual({
      ok: false,
      problems: {
        userPoolId:
          'This pool id belongs to us-east-1, not eu-west-1. Fix the region or the pool id.',
      },
    });
  });

  it('refuses malformed pool ids, client ids and endpoints', () => {
    const result = validateAccountForm({
      ...valid,
      userPoolId: 'DemoPool0',
      clientId: 'Has Spaces',
      endpoint: 'ftp:/nope',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.userPoolId).toMatch(/looks like us-east-1_/);
      expect(result.problems.clientId).toMatch(/lowercase letters and digits/);
      expect(result.problems.endpoint).toMatch(/URL/);
    }
  });
});

describe('formFromAccount', () => {
  it('starts an edit from the stored account, with an empty secret field', () => {
    expect(formFromAccount({ ...DEMO_ACCOUNT, hasClientSecret: true })).toEqual({
      id: 'demo',
      displayName: 'Demo pool',
      region: 'us-east-1',
      userPoolId: 'us-east-1_DemoPool0',
      clientId: '3demo0public0client0000000',
      clientSecret: '',
      endpoint: 'http://127.0.0.1:9230',
      staySignedIn: false,
      defaultAuthFlow: '',
    });
  });
});
