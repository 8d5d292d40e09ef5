/**
 * Test-only fast-check arbitraries for hostile input: random JSON, wrong types, huge strings,
 * prototype-pollution keys, and mutations of known-valid messages (delete a field, replace it
 * with something hostile, add a key, wrap it in an array). Shared by the fuzz suites.
 */
import fc from 'fast-check';

export const POLLUTION_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
] as const;

/** Own, enumerable properties, the way JSON.parse creates them (an assignment would not). */
export function withOwnKey(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

// Huge strings are built by repeat (cheap) rather than generated character by character.
export const hugeString = fc
  .tuple(fc.integer({ min: 5_000, max: 200_000 }), fc.constantFrom('A', '0', 'eyJ', '\u0000', '€'))
  .map(([length, unit]) => unit.repeat(length));

export const pollutedObject = fc
  .tuple(fc.constantFrom(...POLLUTION_KEYS), fc.jsonValue({ maxDepth: 2 }))
  .map(([key, value]) => {
    const target: Record<string, unknown> = {};
    withOwnKey(target, key, value);
    return target;
  });

// Factories, not constants: a shared `{}` mutated in one run would leak into the next (or into
// itself, making a cycle).
const ODD_VALUES: (() => unknown)[] = [
  () => null,
  () => undefined,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => -0,
  () => -1,
  () => 2 ** 53,
  () => true,
  () => false,
  () => '',
  () => ' ',
  () => [],
  () => ({}),
  () => Object.create(null) as unknown,
  () => 'null',
  () => 'undefined',
  () => '1e999',
  () => '<script>alert(1)</script>',
  () => 'chrome-extension://other/popup.html',
];
export const oddValue = fc.constantFrom(...ODD_VALUES).map((make) => make());

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 2 }) },
  { weight: 3, arbitrary: oddValue },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: pollutedObject },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const inner = Object.keys(value).flatMap((key) =>
    pathsOf((value as Record<string, unknown>)[key], [...prefix, key]),
  );
  return [prefix, ...inner];
}

export interface Mutation {
  at: number;
  kind: 'delete' | 'replace' | 'addKey' | 'wrapInArray' | 'stringify' | 'retypeType';
  key: string;
  value: unknown;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'addKey', 'wrapInArray', 'stringify', 'retypeType'),
  key: fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ maxLength: 12 })),
  value: hostileValue,
});

/** Applies mutations to a JSON copy of `seed`; the seed itself is never touched. */
export function mutate(seed: unknown, mutations: Mutation[]): unknown {
  let root = JSON.parse(JSON.stringify(seed)) as unknown;
  for (const change of mutations) {
    const paths = pathsOf(root);
    const path = paths[change.at % paths.length] ?? [];
    const parentPath = path.slice(0, -1);
    const last = path.at(-1);
    const parent = parentPath.reduce<unknown>(
      (node, key) => (node as Record<string | number, unknown>)[key],
      root,
    ) as Record<string | number, unknown> | undefined;
    const current = last === undefined ? root : (parent as Record<string | number, unknown>)[last];
    const set = (next: unknown) => {
      if (last === undefined || parent === undefined) root = next;
      else withOwnKey(parent, String(last), next);
    };
    switch (change.kind) {
      case 'delete':
        if (last !== undefined && parent !== undefined) {
          // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- deleting a random field on purpose
          delete parent[last];
        }
        break;
      case 'replace':
        set(change.value);
        break;
      case 'addKey':
        if (current !== null && typeof current === 'object') {
          withOwnKey(current, change.key, change.value);
        } else set({ [change.key]: change.value });
        break;
      case 'wrapInArray':
        set([current]);
        break;
      case 'stringify':
        set(JSON.stringify(current));
        break;
      case 'retypeType':
        if (root !== null && typeof root === 'object') {
          withOwnKey(root, 'type', change.value);
        }
        break;
    }
  }
  return root;
}

/** Every string leaf of a value (to check that a reply echoes none of what was sent). */
export function stringLeaves(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object' || depth > 8) return [];
  return Object.values(value).flatMap((inner) => stringLeaves(inner, depth + 1));
}

/** JSON text of a reply, tolerant of undefined. */
export function replyText(reply: unknown): string {
  return reply === undefined ? '' : JSON.stringify(reply);
}

export function expectPrototypesClean(): void {
  const probe: Record<string, unknown> = {};
  for (const key of ['polluted', 'isAdmin', 'type', 'ok', 'code', 'accountId']) {
    if (key in probe) throw new Error(`Object.prototype was polluted with "${key}"`);
  }
  if (Object.keys(Object.prototype).length > 0) {
    throw new Error(`Object.prototype gained keys: ${Object.keys(Object.prototype).join(', ')}`);
  }
}
