// A lab comparison as text for a terminal (`snapshot diff A B`): which two readings, the counts
// first, then one line per change grouped by kind of object ("~ container instance-0000000c on
// node03ob64: state RUNNING → STOPPED, address 198.51.100.12 (eth0) → none"), then what could
// not be compared and why.
import { LAB_OBJECT_TYPES, type LabComparison } from '../contract/lab-diff';
import { describeCounts, describeFields, MARK, PLURAL, totalChanges } from '../contract/lab-diff-wording';

export { totalChanges };

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
