// A lab comparison as text for a terminal (`snapshot diff A B`): which two readings, the counts
// first, then one line per change grouped by kind of object ("~ container instance-0000000c on
// node03ob64: state RUNNING → STOPPED, address 198.51.100.12 (eth0) → none"), then what could
// not be compared and why.
import { LAB_OBJECT_TYPES, type LabChange, type LabChangeCounts, type LabComparison, type LabFieldChange, type LabObjectType } from '../contract/lab-diff';

const PLURAL: Record<LabObjectType, string> = {
  machine: 'machines',
  container: 'containers',
  profile: 'LXD profiles',
  namespace: 'namespaces',
  application: 'applications',
  unit: 'units',
  relation: 'relations',
};
const SINGULAR: Record<LabObjectType, string> = { machine: 'machine', container: 'container', profile: 'LXD profile', namespace: 'namespace', application: 'application', unit: 'unit', relation: 'relation' };

/** The mark before a change, as diff(1) and git mark lines. */
const MARK = { added: '+', removed: '-', changed: '~' } as const;

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

export function describeComparison(comparison: LabComparison): string {
  const side = (label: string, which: LabComparison['before']) => `${label} ${which.description}${which.file && !which.description.includes(which.file) ? ` (${which.file})` : ''}`;
  const lines = [side('Before:', comparison.before), side('After: ', comparison.after), ''];
  const total = totalChanges(comparison.counts);
  if (total === 0) lines.push('No differences.');
  else {
    lines.push(`${total} ${total === 1 ? 'change' : 'changes'}: ${describeCounts(comparison.counts).join(', ')}`);
    for (const type of LAB_OBJECT_TYPES) {
      const changes = comparison.changes.filter((change) => change.object.type === type);
      if (changes.length === 0) continue;
      lines.push('', `${PLURAL[type][0]!.toUpperCase()}${PLURAL[type].slice(1)}:`);
      for (const change of changes) {
        const fields = describeFields(change);
        lines.push(`  ${MARK[change.kind]} ${change.title}${change.kind === 'changed' ? '' : ` ${change.kind}`}${fields ? `: ${fields}` : ''}`);
      }
    }
  }
  if (comparison.notCompared.length > 0) {
    lines.push('', 'Not compared (one side did not read them):');
    for (const part of comparison.notCompared) lines.push(`  ${part.what}: ${part.reason}`);
  }
  return lines.join('\n');
}
