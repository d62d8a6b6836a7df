// Every string of a JSON value (an inventory, a snapshot's parts) rewritten, copy on write: an
// object or array in which nothing changed is returned as it is, not copied. Masking and
// obfuscating a 5,000-container inventory change a few strings in a million; copying the whole tree
// for each pass cost more than the rewriting itself.

export interface JsonStringRewrite {
  /** A string value; `key` is the object key it sits under (null inside an array or at the top). */
  value(text: string, key: string | null): string;
  /** An object key; keys stay as they are without it. */
  key?(name: string): string;
}

/**
 * `value` with every string rewritten. What changed is new (plain objects and arrays); what did not
 * is shared with `value`, so the result must be treated as read-only, like `value`. Keys keep their
 * order; a key rewritten to "__proto__" (or kept as one, from a lab's config) stays an own
 * property, never the prototype. Two keys rewritten to the same name: the later value wins, in the
 * first one's place, as assigning them in turn would do.
 */
export function rewriteJsonStrings(value: unknown, rewrite: JsonStringRewrite): unknown {
  return walk(value, null, rewrite);
}

function walk(value: unknown, key: string | null, rewrite: JsonStringRewrite): unknown {
  if (typeof value === 'string') return rewrite.value(value, key);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const result = walk(item, null, rewrite);
      if (copy === null && result !== item) copy = value.slice(0, index);
      if (copy !== null) copy.push(result);
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const names = Object.keys(record);
  let copy: Record<string, unknown> | null = null;
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index]!;
    const item = record[name];
    const newName = rewrite.key ? rewrite.key(name) : name;
    const result = walk(item, name, rewrite);
    if (copy === null && (result !== item || newName !== name)) {
      copy = {};
      for (let before = 0; before < index; before += 1) setOwn(copy, names[before]!, record[names[before]!]);
    }
    if (copy !== null) setOwn(copy, newName, result);
  }
  return copy ?? value;
}

function setOwn(target: Record<string, unknown>, name: string, item: unknown): void {
  if (name === '__proto__') Object.defineProperty(target, name, { value: item, enumerable: true, writable: true, configurable: true });
  else target[name] = item;
}
