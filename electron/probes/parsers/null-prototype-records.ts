// A parse result that crosses to another thread comes back as a structured clone, and a clone
// gives every object Object.prototype: the records parsers make without one (createRecord, so a
// key such as "__proto__" or "toString" read from the output stays data) would lose that guard.
// The side that parsed names those records by their place in a walk of the value; the side that
// receives walks its clone in the same order and takes their prototype away again.

/** Places, in a depth-first walk of own enumerable keys, of the objects with no prototype. */
export function nullPrototypePlaces(value: unknown): number[] {
  const places: number[] = [];
  walkObjects(value, (object, place) => {
    if (Object.getPrototypeOf(object) === null) places.push(place);
  });
  return places;
}

/** Takes the prototype away from the objects at `places` (a clone of the walked value). */
export function restoreNullPrototypes(value: unknown, places: readonly number[]): void {
  const wanted = new Set(places);
  walkObjects(value, (object, place) => {
    if (wanted.has(place) && !Array.isArray(object)) Object.setPrototypeOf(object, null);
  });
}

/** Visits each object once (a clone keeps shared references, so both walks agree), arrays included. */
function walkObjects(value: unknown, visit: (object: object, place: number) => void): void {
  const seen = new Set<object>();
  const pending: unknown[] = [value];
  let place = 0;
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    visit(next, place++);
    // Reversed onto the stack so the walk goes in key order; either order works as long as both
    // sides use this function.
    const children = Array.isArray(next) ? next : Object.values(next as Record<string, unknown>);
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]);
  }
}
