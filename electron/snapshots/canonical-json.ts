// JSON whose bytes depend only on the value: object keys sorted, no indentation. A snapshot's
// entries are written this way so that the same content always gives the same file (its SHA-256
// can be compared, two captures diffed), whatever order the capture happened to build keys in.

/**
 * The value as JSON with every object's keys in sorted order (arrays keep their order). Keys that
 * are array indices ("22", "3") come first in numeric order, as JavaScript enumerates them in any
 * object: still the same bytes for the same value.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortKeys);
}

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}
