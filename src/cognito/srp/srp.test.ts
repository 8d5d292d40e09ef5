import { describe, expect, it } from 'vitest';
import { bytesToBase64, bytesToBigInt, bytesToHex } from './bytes';
import { createSrpEngine } from './engine';
import { SrpError } from './errors';
import { N } from './group';
import { computePasswordClaim, createEphemeral, passwordKey } from './srp';
import {
  opensslPowG,
  serverB,
  serverKey,
  serverS,
  serverSignature,
  serverU,
  serverX,
} from './testing/openssl-server';
import { seededRandom } from './testing/seeded-random';

describe('createEphemeral', () => {
  it('uses 128 random bytes as a and sends A = g^a as unpadded lowercase hex', () => {
    const random = seededRandom('ephemeral');
    const ephemeral = createEphemeral(seededRandom('ephemeral'), createSrpEngine());
    expect(ephemeral.a).toBe(bytesToBigInt(random(128)));
    expect(ephemeral.A).toBe(opensslPowG(ephemeral.a));
    expect(ephemeral.srpA).toBe(ephemeral.A.toString(16));
    expect(ephemeral.srpA).toMatch(/^[1-9a-f][0-9a-f]*$/);
  });
});

describe('computePasswordClaim against an OpenSSL SRP-6a server', () => {
  it.each([0, 1, 2, 3])('produces the signature the server expects (set %i)', async (seed) => {
    const random = seededRandom(`server-${seed}`);
    const engine = createSrpEngine({ reduction: seed % 2 ? 'barrett' : 'montgomery' });
    const ephemeral = createEphemeral(random, engine);
    const [poolName, userId, password] = ['AbCdEf123', `user-${seed}`, `pässwörd ${seed}`];
    const salt = bytesToHex(random(16));
    const session = serverB(
      opensslPowG(serverX(salt, poolName, userId, password)),
      bytesToBigInt(random(32)),
    );
    const secretBlock = bytesToBase64(random(96));
    const now = new Date(Date.UTC(2026, 2, 5, 9, 7, 3));

    const claim = await computePasswordClaim(
      {
        ephemeral,
        poolName,
        userId,
        password,
        srpB: session.B.toString(16),
        salt,
        secretBlock,
        now,
      },
      engine,
    );

    const key = serverKey(serverS(ephemeral.A, session), serverU(ephemeral.A, session.B));
    expect(claim).toEqual({
      PASSWORD_CLAIM_SIGNATURE: serverSignature(
        key,
        poolName,
        userId,
        secretBlock,
        'Thu Mar 5 09:07:03 UTC 2026',
      ),
      PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
      TIMESTAMP: 'Thu Mar 5 09:07:03 UTC 2026',
    });
    // A wrong password gives a different claim: the test can fail.
    const wrong = await computePasswordClaim(
      {
        ephemeral,
        poolName,
        userId,
        password: `${password}!`,
        srpB: session.B.toString(16),
        salt,
        secretBlock,
        now,
      },
      engine,
    );
    expect(wrong.PASSWORD_CLAIM_SIGNATURE).not.toBe(claim.PASSWORD_CLAIM_SIGNATURE);
  });

  it('rejects B ≡ 0 mod N and malformed hex with a coded error', async () => {
    const ephemeral = createEphemeral(seededRandom('reject'));
    const base = { ephemeral, poolName: 'p', userId: 'u', password: 'pw', salt: 'ab' };
    for (const srpB of [N.toString(16), '0', (2n * N).toString(16)]) {
      await expect(passwordKey({ ...base, srpB })).rejects.toMatchObject({
        code: 'SrpInvalidServerValue',
      });
    }
    await expect(passwordKey({ ...base, srpB: 'xyz' })).rejects.toBeInstanceOf(SrpError);
    await expect(passwordKey({ ...base, srpB: '12', salt: '' })).rejects.toMatchObject({
      code: 'SrpInvalidChallengeParameter',
    });
  });
});
