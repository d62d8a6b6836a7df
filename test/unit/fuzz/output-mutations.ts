// Real command outputs, damaged the ways a transport, a terminal or a paste damages them, as
// fast-check arbitraries: bytes flipped, cut anywhere (even inside a UTF-8 sequence), lines doubled,
// dropped or swapped, two outputs spliced, random bytes. Bytes are turned into text the way the SSH
// transport does (electron/ssh/output-buffer.ts: UTF-8, invalid sequences become U+FFFD).
import fc from 'fast-check';

/** What every byte-level mutation decodes through: the transport's lenient UTF-8 (never throws). */
const TRANSPORT_DECODER = new TextDecoder('utf-8');

export function decodeAsTransport(bytes: Uint8Array): string {
  return TRANSPORT_DECODER.decode(bytes);
}

type Mutation = (text: string) => string;

/** A position in [0, length] from a fraction, so one arbitrary fits every input length. */
function at(fraction: number, length: number): number {
  return Math.min(length, Math.floor(fraction * (length + 1)));
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** Bytes a terminal or a broken link can put in an output: any byte, weighted to the nasty ones. */
const nastyByte = fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(0x00, 0x0a, 0x0d, 0x1b, 0x22, 0x27, 0x3a, 0x7b, 0x7d, 0x5b, 0x5d, 0x2d, 0x20, 0x09, 0x7c, 0xc3, 0xe2, 0xef, 0xbf, 0xbd, 0xff, 0xfe),
);

const byteFlips: fc.Arbitrary<Mutation> = fc
  .array(fc.tuple(fraction, nastyByte), { minLength: 1, maxLength: 8 })
  .map((flips) => (text) => {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length === 0) return text;
    for (const [where, value] of flips) bytes[Math.min(bytes.length - 1, at(where, bytes.length))] = value;
    return decodeAsTransport(bytes);
  });

const byteTruncation: fc.Arbitrary<Mutation> = fraction.map((where) => (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return decodeAsTransport(bytes.subarray(0, at(where, bytes.length)));
});

const headTruncation: fc.Arbitrary<Mutation> = fraction.map((where) => (text) => text.slice(at(where, text.length)));

function onLines(change: (lines: string[]) => string[]): Mutation {
  return (text) => change(text.split('\n')).join('\n');
}

/**
 * Characters a mutation adds at most (a doubled line, a spliced tail): inputs stay near the size of
 * real outputs, so 10,000 cases per parser fit in CI; megabyte inputs have tests of their own.
 */
const MAX_ADDED_CHARS = 8 * 1024;

const lineDuplication: fc.Arbitrary<Mutation> = fc
  .tuple(fraction, fc.integer({ min: 1, max: 40 }))
  .map(([where, times]) => onLines((lines) => {
    const index = Math.min(lines.length - 1, at(where, lines.length));
    const line = lines[index] ?? '';
    const copies = Math.max(1, Math.min(times, Math.floor(MAX_ADDED_CHARS / Math.max(1, line.length))));
    return [...lines.slice(0, index), ...Array<string>(copies).fill(line), ...lines.slice(index + 1)];
  }));

const lineDeletion: fc.Arbitrary<Mutation> = fc
  .tuple(fraction, fc.integer({ min: 1, max: 10 }))
  .map(([where, count]) => onLines((lines) => {
    const index = at(where, lines.length);
    return [...lines.slice(0, index), ...lines.slice(index + count)];
  }));

const lineSwap: fc.Arbitrary<Mutation> = fc.tuple(fraction, fraction).map(([first, second]) => onLines((lines) => {
  const swapped = [...lines];
  const a = Math.min(lines.length - 1, at(first, lines.length));
  const b = Math.min(lines.length - 1, at(second, lines.length));
  [swapped[a], swapped[b]] = [swapped[b] ?? '', swapped[a] ?? ''];
  return swapped;
}));

/** Text typed or pasted into the middle: any code unit, lone surrogates included. */
const insertion: fc.Arbitrary<Mutation> = fc
  .tuple(fraction, fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme-composite', maxLength: 20 }), fc.constantFrom('\n', '\r', '\t', ' ', '"', "'", ':', '- ', '{', '[', '|', '&a ', '*a', '!!binary ', '---\n', '...\n', '\u001b[31m', '\ufeff')))
  .map(([where, inserted]) => (text) => {
    const index = at(where, text.length);
    return text.slice(0, index) + inserted + text.slice(index);
  });

/** The head of this output, then the tail of another (of any kind): two captures run together. */
function splice(partners: readonly string[]): fc.Arbitrary<Mutation> {
  return fc.tuple(fc.constantFrom(...partners), fraction, fraction).map(([other, cut, from]) => (text) => {
    const start = at(from, other.length);
    return text.slice(0, at(cut, text.length)) + other.slice(start, start + MAX_ADDED_CHARS);
  });
}

/** Several mutations one after the other. */
function mutations(partners: readonly string[]): fc.Arbitrary<Mutation[]> {
  const one = fc.oneof(byteFlips, byteTruncation, headTruncation, lineDuplication, lineDeletion, lineSwap, insertion, splice(partners));
  return fc.array(one, { minLength: 1, maxLength: 4 });
}

/** Random bytes as the transport would hand them over. */
export const randomBinaryOutput: fc.Arbitrary<string> = fc.uint8Array({ maxLength: 2048 }).map(decodeAsTransport);

/**
 * Inputs for one parser: mostly its own real outputs mutated, some spliced with any other real
 * output, some plain random bytes or random text.
 */
export function mutatedOutputs(own: readonly string[], everyOutput: readonly string[]): fc.Arbitrary<string> {
  const mutated = fc.tuple(fc.constantFrom(...own), mutations(everyOutput)).map(([text, steps]) => steps.reduce((current, step) => step(current), text));
  return fc.oneof(
    { arbitrary: mutated, weight: 16 },
    { arbitrary: randomBinaryOutput, weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 400 }), weight: 1 },
    { arbitrary: fc.constantFrom(...own), weight: 1 },
  );
}

/** Structures nested `depth` deep in each syntax a parser reads: JSON/flow YAML, block YAML, OVSDB sets. */
export const deeplyNested: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100, max: 100_000 }), fc.constantFrom('json-array', 'json-object', 'yaml-block', 'yaml-sequence', 'ovsdb-set'))
  .map(([depth, syntax]) => {
    switch (syntax) {
      case 'json-array':
        return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
      case 'json-object':
        return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      case 'yaml-block':
        // Indentation grows by one per level: a depth of 100,000 would be 5 GB of spaces.
        return Array.from({ length: Math.min(depth, 2_000) }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n');
      case 'yaml-sequence':
        return `${'- '.repeat(depth)}x`;
      default:
        return `status              : ${'["set",['.repeat(depth)}1${']]'.repeat(depth)}`;
    }
  });

/** "Billion laughs": each level an anchor holding `width` aliases of the one before. */
export const yamlAliasBomb: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 2, max: 10 }), fc.constantFrom('', 'config:\n  ', 'applications:\n  '))
  .map(([levels, width, lead]) => {
    const lines = [`${lead}l0: &l0 ["lol"]`];
    for (let level = 1; level < levels; level += 1) lines.push(`${lead ? '  ' : ''}l${level}: &l${level} [${Array<string>(width).fill(`*l${level - 1}`).join(', ')}]`);
    return lines.join('\n');
  });
