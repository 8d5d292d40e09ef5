/**
 * Loads amazon-cognito-identity-js and Amplify v6's internal SRP helpers (by file path: they are
 * not exported) so the known-answer tests and the benchmark can compare outputs byte for byte.
 * Nothing here is shipped; it only drives the reference libraries.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export interface JsbnBigInteger {
  toString(radix: number): string;
}
type BigIntegerClass = new (value: string, radix: number) => JsbnBigInteger;
type NodeCallback<T> = (error: unknown, value: T) => void;

export interface AcijHelper {
  smallAValue: JsbnBigInteger;
  largeAValue: JsbnBigInteger | undefined;
  getLargeAValue(callback: NodeCallback<JsbnBigInteger>): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: JsbnBigInteger,
    salt: JsbnBigInteger,
    callback: NodeCallback<Uint8Array>,
  ): void;
  generateHashDevice(groupKey: string, deviceKey: string, callback: NodeCallback<null>): void;
  getRandomPassword(): string;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  generateRandomSmallA(): JsbnBigInteger;
}

interface RequestCallback {
  (error: unknown, data: unknown): void;
}
export interface AcijPool {
  client: { request(operation: string, params: unknown, callback: RequestCallback): void };
}
export interface AcijUser {
  authenticateUser(
    details: unknown,
    callbacks: { onSuccess(session: unknown): void; onFailure(error: unknown): void },
  ): void;
}

export interface Acij {
  BigInteger: BigIntegerClass;
  AuthenticationHelper: (new (poolName: string) => AcijHelper) & { prototype: AcijHelper };
  CognitoUserPool: new (data: { UserPoolId: string; ClientId: string }) => AcijPool;
  CognitoUser: new (data: { Username: string; Pool: AcijPool; Storage: unknown }) => AcijUser;
  AuthenticationDetails: new (data: { Username: string; Password: string }) => unknown;
}

interface DefaultExport<T> {
  default: T;
}

export function loadAcij(): Acij {
  const lib = join(dirname(require.resolve('amazon-cognito-identity-js')), '');
  const index = require('amazon-cognito-identity-js') as Omit<
    Acij,
    'BigInteger' | 'AuthenticationHelper'
  >;
  return {
    BigInteger: (require(join(lib, 'BigInteger.js')) as DefaultExport<BigIntegerClass>).default,
    AuthenticationHelper: (
      require(join(lib, 'AuthenticationHelper.js')) as DefaultExport<Acij['AuthenticationHelper']>
    ).default,
    CognitoUserPool: index.CognitoUserPool,
    CognitoUser: index.CognitoUser,
    AuthenticationDetails: index.AuthenticationDetails,
  };
}

export interface AmplifyHelper {
  getPasswordAuthenticationKey(input: {
    username: string;
    password: string;
    serverBValue: JsbnBigInteger;
    salt: JsbnBigInteger;
  }): Promise<Uint8Array>;
  generateHashDevice(groupKey: string, deviceKey: string): Promise<void>;
  getRandomPassword(): string;
  getSaltToHashDevices(): string;
  getVerifierDevices(): string;
}

export interface AmplifySrp {
  BigInteger: BigIntegerClass;
  INIT_N: string;
  AuthenticationHelper: new (input: {
    userPoolName: string;
    a: JsbnBigInteger;
    g: JsbnBigInteger;
    A: JsbnBigInteger;
    N: JsbnBigInteger;
  }) => AmplifyHelper;
  calculateA(input: {
    a: JsbnBigInteger;
    g: JsbnBigInteger;
    N: JsbnBigInteger;
  }): Promise<JsbnBigInteger>;
  getSignatureString(input: {
    userPoolName: string;
    username: string;
    challengeParameters: { SECRET_BLOCK: string };
    dateNow: string;
    hkdf: Uint8Array;
  }): string;
  getNowString(): string;
}

/** Amplify's package `exports` blocks deep imports, so resolve its dist folder by file path. */
export function loadAmplifySrp(): AmplifySrp {
  const authPackage = require.resolve('@aws-amplify/auth/package.json', {
    paths: [dirname(require.resolve('aws-amplify/package.json'))],
  });
  const srp = join(dirname(authPackage), 'dist/cjs/providers/cognito/utils/srp');
  const load = (path: string): unknown => require(join(srp, path));
  return {
    BigInteger: (load('BigInteger/index.js') as { BigInteger: BigIntegerClass }).BigInteger,
    INIT_N: (load('constants.js') as { INIT_N: string }).INIT_N,
    AuthenticationHelper: (
      load('AuthenticationHelper/index.js') as {
        AuthenticationHelper: AmplifySrp['AuthenticationHelper'];
      }
    ).AuthenticationHelper,
    calculateA: (load('calculate/index.js') as { calculateA: AmplifySrp['calculateA'] }).calculateA,
    getSignatureString: (
      load('getSignatureString.js') as { getSignatureString: AmplifySrp['getSignatureString'] }
    ).getSignatureString,
    getNowString: (load('getNowString.js') as { getNowString: AmplifySrp['getNowString'] })
      .getNowString,
  };
}

/**
 * Makes crypto.getRandomValues(new Uint32Array(1)) — how both libraries draw random words —
 * return the given bytes, big-endian per word as their WordArray reads them. Returns a restore
 * function.
 */
export function feedRandomWords(bytes: Uint8Array): () => void {
  const target = globalThis.crypto;
  const ownDescriptor = Object.getOwnPropertyDescriptor(target, 'getRandomValues');
  const original = target.getRandomValues.bind(target);
  let offset = 0;
  const fake = <T extends ArrayBufferView | null>(array: T): T => {
    if (array instanceof Uint32Array) {
      for (let i = 0; i < array.length; i++) {
        const word = bytes.subarray(offset, offset + 4);
        if (word.length < 4) throw new Error('feedRandomWords ran out of bytes');
        array[i] =
          ((word[0] ?? 0) * 2 ** 24 +
            ((word[1] ?? 0) << 16) +
            ((word[2] ?? 0) << 8) +
            (word[3] ?? 0)) >>>
          0;
        offset += 4;
      }
      return array;
    }
    return original(array as never);
  };
  Object.defineProperty(target, 'getRandomValues', {
    value: fake,
    configurable: true,
    writable: true,
  });
  return () => {
    if (ownDescriptor) Object.defineProperty(target, 'getRandomValues', ownDescriptor);
    else delete (target as { getRandomValues?: unknown }).getRandomValues;
  };
}
