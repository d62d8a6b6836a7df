// How a lab change reads, said once for the command line and the page: a change's fields
// ("state RUNNING → STOPPED, address 198.51.100.12 (eth0) → none"), the counts per kind of object
// ("1 container (1 changed)"), and the kinds' names.
import { LAB_OBJECT_TYPES, type LabChange, type LabChangeCounts, type LabFieldChange, type LabObjectType } from './lab-diff';

export const PLURAL: Record<LabObjectType, string> = {
  machine: 'machines',
  container: 'containers',
  profile: 'LXD profiles',
  namespace: 'namespaces',
  application: 'applications',
  unit: 'units',
  relation: 'relations',
};
export const SINGULAR: Record<LabObjectType, string> = { machine: 'machine', container: 'container', profile: 'LXD profile', namespace: 'namespace', application: 'application', unit: 'unit', relation: 'relation' };

/** The mark before a change, as diff(1) and git mark lines. */
export const MARK = { added: '+', removed: '-', changed: '~' } as const;

/** Fields of free text (Juju's messages, a profile's description) are quoted: they hold commas and spaces. */
const FREE_TEXT_FIELDS = new Set(['message', 'description']);

const shown = (field: LabFieldChange, value: string | null) => (value === null ? 'none' : FREE_TEXT_FIELDS.has(field.field) ? `"${value}"` : value);

/** "state RUNNING → STOPPED, address 198.51.100.12 (eth0) → none". */
export function describeFields(change: LabChange): string {
  if (change.kind === 'added') return change.fields.map((field) => `${field.label} ${shown(field, field.after)}`).join(', ');
  if (change.kind === 'removed') return change.fields.map((field) => `${field.label} was ${shown(field, field.before)}`).join(', ');
  return change.fields.map((field) => `${field.label} ${shown(field, field.before)} → ${shown(field, field.after)}`).join(', ');
}

export const totalChanges = (counts: LabChangeCounts): number => Object.values(counts).reduce((sum, count) => sum + count.added + count.removed + count.changed, 0);

/** "1 container (1 changed)" for each kind that has any, in the order of the list. */
export function describeCounts(counts: LabChangeCounts): string[] {
  return LAB_OBJECT_TYPES.flatMap((type) => {
    const { added, removed, changed } = counts[type];
    const total = added + removed + changed;
    if (total === 0) return [];
    const parts = [added && `${added} added`, removed && `${removed} removed`, changed && `${changed} changed`].filter(Boolean).join(', ');
    return [`${total} ${total === 1 ? SINGULAR[type] : PLURAL[type]} (${parts})`];
  });
}
