// JSON whose bytes depend only on the value: object keys sorted, no indentation. A snapshot's
// entries are written this way so that the same content always gives the same file (its SHA-256
// can be compared, two captures diffed), whatever order the capture happened to build keys in.

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
