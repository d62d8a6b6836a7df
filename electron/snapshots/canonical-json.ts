// JSON whose bytes depend only on the value: object keys sorted, no indentation. A snapshot's
// entries are written this way so that the same content always gives the same file (its SHA-256
// can be compared, two captures diffed), whatever order the capture happened to build keys in.
import { utf8Bytes } from './utf8-bytes';

/**
 * canonicalJsonBytes writes arrays and objects this near the top piece by piece, and what is deeper
 * whole: one 15 MB string costs more to flatten and encode than its pieces (a snapshot's commands,
 * its inventory's probes, each a piece), and tiny pieces cost a call each.
 */
const PIECE_DEPTH = 2;

/**
 * The value as JSON with every object's keys in sorted order (arrays keep their order). Keys that
 * are array indices ("22", "3") come first in numeric order, as JavaScript enumerates them in any
 * object: still the same bytes for the same value. A "__proto__" key (from a lab's config, parsed
 * as JSON) is written like any other.
 *
 * Serialised by JSON.stringify without a replacer function: a replacer puts every value of a 15 MB
 * entry through a call and made serialising 2-3 times slower. Objects whose keys are already in
 * order (most, once a value has been written and read back) are serialised as they are; only the
 * others are copied in sorted order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(inCanonicalOrder(value, ''));
}

/**
 * The UTF-8 bytes of canonicalJson(value) followed by `suffix`: the same bytes as
 * Buffer.from(canonicalJson(value) + suffix), made without building one string of the whole value
 * (V8 builds JSON.stringify's result in parts, and flattening 15 MB of them cost more than
 * serialising; see PIECE_DEPTH).
 */
export function canonicalJsonBytes(value: unknown, suffix = ''): Buffer {
  const pieces: string[] = [];
  writePieces(inCanonicalOrder(value, ''), PIECE_DEPTH, pieces);
  if (suffix !== '') pieces.push(suffix);
  return Buffer.concat(pieces.map(utf8Bytes));
}

/** `value` (in canonical order already) as JSON pieces, as JSON.stringify would write it. */
function writePieces(value: unknown, depth: number, pieces: string[]): void {
  if (depth === 0 || value === null || typeof value !== 'object') {
    // What JSON.stringify writes for the value alone (undefined, a function: nothing).
    const text = JSON.stringify(value) as string | undefined;
    if (text !== undefined) pieces.push(text);
    return;
  }
  if (Array.isArray(value)) {
    pieces.push('[');
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) pieces.push(',');
      const item: unknown = value[index];
      // In an array, what JSON cannot say is written null.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') pieces.push('null');
      else writePieces(item, depth - 1, pieces);
    }
    pieces.push(']');
    return;
  }
  pieces.push('{');
  let first = true;
  for (const name of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[name];
    // In an object, it is left out with its key.
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    pieces.push(first ? `${JSON.stringify(name)}:` : `,${JSON.stringify(name)}:`);
    first = false;
    writePieces(item, depth - 1, pieces);
  }
  pieces.push('}');
}

function inCanonicalOrder(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  // What JSON.stringify would write for it (a Date's string), looked at before its keys.
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === 'function') return inCanonicalOrder(toJson.call(value, key), key);
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const ordered = inCanonicalOrder(item, String(index));
      if (copy === null && ordered !== item) copy = value.slice(0, index);
      if (copy !== null) copy.push(ordered);
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const names = Object.keys(record);
  let sorted = true;
  let changed = false;
  const items: unknown[] = new Array(names.length);
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index]!;
    if (index > 0 && names[index - 1]! > name) sorted = false;
    const item = record[name];
    const ordered = inCanonicalOrder(item, name);
    if (ordered !== item) changed = true;
    items[index] = ordered;
  }
  if (sorted && !changed) return value;
  // Sorted keys inserted in order: index-like keys come first in numeric order, the others sorted.
  const order = names.map((_, index) => index);
  if (!sorted) order.sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
  const copy: Record<string, unknown> = {};
  for (const index of order) {
    const name = names[index]!;
    if (name === '__proto__') Object.defineProperty(copy, name, { value: items[index], enumerable: true, writable: true, configurable: true });
    else copy[name] = items[index];
  }
  return copy;
}
