// What changed in a lab between two inventories (before, after): objects added, removed or
// changed, each changed field with its value before and after, counts per kind of object, and
// the parts one side did not read (never reported as removed). Pure and deterministic: the same
// two inventories give the same list, in the same order, whatever order the probes answered in.
import type { LabInventory } from '../contract/inventory';
import { LAB_OBJECT_TYPES, type LabChange, type LabChangeCounts, type LabChanges, type LabFieldChange, type NotCompared } from '../contract/lab-diff';
import { naturalCompare, readInventory, type Comparable, type Scope, type UnreadPart } from './lab-diff-readings';

export function diffInventories(before: LabInventory, after: LabInventory): LabChanges {
  const beforeScopes = new Map(readInventory(before).map((scope) => [scope.id, scope]));
  const afterScopes = new Map(readInventory(after).map((scope) => [scope.id, scope]));
  const changes: Sorted[] = [];
  const unread: UnreadPart[] = [];
  for (const id of new Set([...beforeScopes.keys(), ...afterScopes.keys()])) {
    const was = beforeScopes.get(id);
    const is = afterScopes.get(id);
    // A scope on one side only belongs to a machine added or removed (or whose role changed): that
    // machine's own change says it; its containers are not each listed as added or removed.
    if (!was || !is) continue;
    if (was.reading.state === 'read' && is.reading.state === 'read') {
      const compared = compareObjects(was.reading.objects, is.reading.objects);
      changes.push(...compared.changes);
      unread.push(...compared.unread);
    } else {
      // Named as the side that read it names it (a machine not reached has no hostname there).
      const named = is.reading.state === 'read' ? is : was;
      unread.push({ part: named.part, place: named.place, machineId: named.machineId, reason: whyNotCompared(readingReason(was), readingReason(is)) });
    }
  }
  const ordered = changes.sort(byTypeThenObject).map(({ change }) => change);
  return { changes: ordered, counts: countChanges(ordered), notCompared: mergeNotCompared(unread) };
}

const readingReason = (scope: Scope) => (scope.reading.state === 'unread' ? scope.reading.reason : null);

/** "lxc list on node05ob64 failed: … (in the after reading)", said once when both readings missed it alike. */
function whyNotCompared(before: string | null, after: string | null): string {
  if (before && after) return before === after ? `${before} (in both readings)` : `before: ${before}; after: ${after}`;
  return before ? `${before} (in the before reading)` : `${after!} (in the after reading)`;
}

/** One line per place and reason: "containers and LXD profiles on machine 21: …". */
function mergeNotCompared(unread: UnreadPart[]): NotCompared[] {
  const merged = new Map<string, { parts: string[]; place: string | null; reason: string; machineId: string | null }>();
  for (const { part, place, machineId, reason } of unread) {
    const key = `${machineId ?? ''}\u0000${place ?? ''}\u0000${reason}`;
    const entry = merged.get(key) ?? { parts: [], place, reason, machineId };
    entry.parts.push(part);
    merged.set(key, entry);
  }
  const parts = (names: string[]) => (names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`);
  return [...merged.values()]
    .map((entry) => ({ what: entry.place ? `${parts(entry.parts)} on ${entry.place}` : parts(entry.parts), reason: entry.reason, machineId: entry.machineId }))
    .sort((a, b) => naturalCompare(a.machineId ?? '', b.machineId ?? '') || naturalCompare(a.what, b.what));
}

/** A change with where it sorts (its object's host machine and name). */
interface Sorted {
  change: LabChange;
  sortKey: string;
}

/** Objects are matched by type and key; an object is "changed" when a field both sides saw differs. */
function compareObjects(before: Comparable[], after: Comparable[]): { changes: Sorted[]; unread: UnreadPart[] } {
  const identity = (object: Comparable) => `${object.type}:${object.key}`;
  const wasByKey = new Map(before.map((object) => [identity(object), object]));
  const isByKey = new Map(after.map((object) => [identity(object), object]));
  const changes: Sorted[] = [];
  const unread: UnreadPart[] = [];
  for (const [id, object] of isByKey) {
    const was = wasByKey.get(id);
    if (!was) changes.push(presence('added', id, object));
    else {
      unread.push(...unreadParts(was, object));
      const fields = changedFields(was, object);
      if (fields.length > 0) changes.push({ change: { id, kind: 'changed', object: object.ref, title: object.title, fields }, sortKey: object.sortKey });
    }
  }
  for (const [id, object] of wasByKey) if (!isByKey.has(id)) changes.push(presence('removed', id, object));
  return { changes, unread };
}

/**
 * Parts of an object one reading saw and the other did not: their fields were not compared. A part
 * neither saw (a namespace's routes never read) had nothing to compare, and is not listed.
 */
function unreadParts(was: Comparable, is: Comparable): UnreadPart[] {
  const before = new Map((was.unread ?? []).map((part) => [part.part, part]));
  const after = new Map((is.unread ?? []).map((part) => [part.part, part]));
  const seenOnOneSide = [...new Set([...before.keys(), ...after.keys()])].filter((name) => !(before.has(name) && after.has(name)));
  return seenOnOneSide.map((name) => {
    const part = (after.get(name) ?? before.get(name))!;
    return { part: name, place: part.place, machineId: part.machineId, reason: whyNotCompared(before.get(name)?.reason ?? null, after.get(name)?.reason ?? null) };
  });
}

/** An object added (or removed) with what it was: its summary fields, from none (or to none). */
function presence(kind: 'added' | 'removed', id: string, object: Comparable): Sorted {
  const fields: LabFieldChange[] = object.fields
    .filter((entry) => entry.summary && entry.value !== undefined && entry.value !== null)
    .map((entry) => ({ field: entry.field, label: entry.label, before: kind === 'removed' ? entry.value! : null, after: kind === 'added' ? entry.value! : null }));
  return { change: { id, kind, object: object.ref, title: object.title, fields }, sortKey: object.sortKey };
}

function changedFields(was: Comparable, is: Comparable): LabFieldChange[] {
  const wasFields = new Map(was.fields.map((entry) => [entry.field, entry]));
  const isFields = new Map(is.fields.map((entry) => [entry.field, entry]));
  const names = [...new Set([...was.fields.map((entry) => entry.field), ...is.fields.map((entry) => entry.field)])];
  const changed: LabFieldChange[] = [];
  for (const name of names) {
    const before = wasFields.get(name);
    const after = isFields.get(name);
    // A field one side could not see is not compared (an unreachable machine's hostname is unknown, not gone).
    if (before?.value === undefined && before !== undefined) continue;
    if (after?.value === undefined && after !== undefined) continue;
    const beforeValue = before?.value ?? null;
    const afterValue = after?.value ?? null;
    if (beforeValue !== afterValue) changed.push({ field: name, label: (after ?? before)!.label, before: beforeValue, after: afterValue });
  }
  return changed;
}

const TYPE_ORDER = new Map(LAB_OBJECT_TYPES.map((type, index) => [type, index]));
const KIND_ORDER = { removed: 0, added: 1, changed: 2 } as const;

function byTypeThenObject(a: Sorted, b: Sorted): number {
  return (
    TYPE_ORDER.get(a.change.object.type)! - TYPE_ORDER.get(b.change.object.type)! ||
    naturalCompare(a.sortKey, b.sortKey) ||
    KIND_ORDER[a.change.kind] - KIND_ORDER[b.change.kind] ||
    naturalCompare(a.change.id, b.change.id)
  );
}

export function countChanges(changes: readonly LabChange[]): LabChangeCounts {
  const counts = Object.fromEntries(LAB_OBJECT_TYPES.map((type) => [type, { added: 0, removed: 0, changed: 0 }])) as LabChangeCounts;
  for (const change of changes) counts[change.object.type][change.kind] += 1;
  return counts;
}
