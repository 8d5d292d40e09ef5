/**
 * The Chromium benchmark page (bundled by esbuild): ours (Montgomery and Barrett) vs
 * amazon-cognito-identity-js vs Amplify v6's internal helpers, interleaved in one page.
 */
import acijBigInteger from 'amazon-cognito-identity-js/lib/BigInteger.js';
import acijAuthenticationHelper from 'amazon-cognito-identity-js/lib/AuthenticationHelper.js';
import * as amplifyHelper from '../../node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp/AuthenticationHelper/index';
import * as amplifyBigInteger from '../../node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp/BigInteger/index';
import * as amplifyConstants from '../../node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp/constants';
import { createSrpEngine } from '../../src/cognito/srp/engine';
import { runInterleaved, summarize } from '../harness';
import {
  acijCases,
  amplifyCases,
  oursCases,
  type AcijLibrary,
  type AmplifyLibrary,
  type SrpBenchInput,
} from '../srp-contenders';

/** esbuild in Node mode ("type": "module") hands back the CommonJS exports object itself. */
const cjsDefault = (module: unknown): unknown =>
  (module as { default?: unknown }).default ?? module;
const acij = {
  AuthenticationHelper: cjsDefault(acijAuthenticationHelper),
  BigInteger: cjsDefault(acijBigInteger),
} as unknown as AcijLibrary;
const amplify = {
  AuthenticationHelper: amplifyHelper.AuthenticationHelper,
  BigInteger: amplifyBigInteger.BigInteger,
  INIT_N: amplifyConstants.INIT_N,
} as unknown as AmplifyLibrary;

async function runSrpBench(inputs: SrpBenchInput[], iterations: number, oursOnly: boolean) {
  const combSamples: number[] = [];
  for (let i = 0; i < 15; i++) {
    const engine = createSrpEngine();
    engine.powG(1n);
    combSamples.push(engine.combBuildMs() ?? NaN);
  }
  const cases = [
    ...oursCases('ours', createSrpEngine({ reduction: 'montgomery' })),
    ...oursCases('ours_barrett', createSrpEngine({ reduction: 'barrett' })),
    ...(oursOnly ? [] : acijCases(acij, { a: true, key: true })),
    ...(oursOnly ? [] : amplifyCases(amplify)),
  ];
  const run = await runInterleaved(cases, inputs, {
    iterations,
    warmup: 3,
    now: () => performance.now(),
  });
  return {
    run,
    combBuildMs: summarize(combSamples),
    crossOriginIsolated: globalThis.crossOriginIsolated,
    userAgent: navigator.userAgent,
  };
}

Object.assign(globalThis, { runSrpBench });
