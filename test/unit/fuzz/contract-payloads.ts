// Payloads for every request of the contract, as fast-check arbitraries: anything at all, and
// objects built from the field names the request's own schema has (so validation is passed in part
// and the payload reaches deeper checks), with values of every wrong type.
import fc from 'fast-check';
import { consoleRequests, type RequestName } from '../../../electron/contract/console-contract';

/** Schemas nest a few levels (lab → controller → host); deeper is a cycle or a bug. */
const MAX_SCHEMA_DEPTH = 12;

/** The field names a valibot schema (objects, variants, pipes, optionals, arrays) mentions. */
export function fieldNamesOf(schema: unknown, names = new Set<string>(), depth = 0): Set<string> {
  if (depth > MAX_SCHEMA_DEPTH || schema === null || typeof schema !== 'object') return names;
  const node = schema as { entries?: Record<string, unknown>; options?: unknown[]; pipe?: unknown[]; wrapped?: unknown; item?: unknown };
  for (const [name, entry] of Object.entries(node.entries ?? {})) {
    names.add(name);
    fieldNamesOf(entry, names, depth + 1);
  }
  for (const part of [...(node.options ?? []), ...(node.pipe ?? []), node.wrapped, node.item]) fieldNamesOf(part, names, depth + 1);
  return names;
}

export const REQUEST_NAMES = Object.keys(consoleRequests) as RequestName[];

/** Values of every type, weighted to what trips validators: huge numbers, long and odd strings. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 5 }),
  fc.constantFrom(-1, 0, 1.5, 2 ** 53, -(2 ** 31), 1e308, '', ' ', '..', '../../etc/passwd', '~', 'term-000000000000', 'ping-000000000000', 'lab-1', '__proto__', 'constructor', true, null),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.integer({ min: 1, max: 100_000 }).map((length) => 'x'.repeat(length)),
);

/** A payload for `name`: anything, or an object of its own field names with odd values. */
export function payloadFor(name: RequestName): fc.Arbitrary<unknown> {
  const fields = [...fieldNamesOf(consoleRequests[name].params)];
  const shaped = fields.length === 0 ? fc.constant({}) : fc.dictionary(fc.constantFrom(...fields), oddValue, { maxKeys: fields.length });
  return fc.oneof({ arbitrary: shaped, weight: 3 }, { arbitrary: oddValue, weight: 2 }, { arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), shaped, { maxKeys: 3 }), weight: 1 });
}

/** What goes over the socket: a request frame (maybe with a bad id or name), or text that is not one. */
export type FuzzFrame = { kind: 'request'; id: unknown; name: unknown; params: unknown } | { kind: 'text'; text: string } | { kind: 'binary'; bytes: Uint8Array };

export const fuzzFrames: fc.Arbitrary<FuzzFrame> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .constantFrom(...REQUEST_NAMES)
      .chain((name) => fc.record({ kind: fc.constant('request' as const), id: fc.nat(), name: fc.constant<unknown>(name), params: payloadFor(name) })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      id: fc.oneof(fc.nat(), fc.constantFrom(-1, 1.5, '7', null, 2 ** 60)),
      name: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom<unknown>(42, null, '__proto__', 'constructor', 'toString', 'labs.list ')),
      params: oddValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.string({ unit: 'binary', maxLength: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('binary' as const), bytes: fc.uint8Array({ maxLength: 300 }) }) },
);
