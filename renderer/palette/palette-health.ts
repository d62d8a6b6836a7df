// The palette's health findings: "Health: <message>", each opening the finding's object in its
// view (as the Health view's click-through does), found by its object, machine and check too.
import type { LabInventory } from '../../electron/contract/inventory';
import { describeObject, healthTarget } from '../views/health/health-targets';
import type { PaletteEntry } from './palette-entries';

export function healthEntries(inventory: LabInventory): PaletteEntry[] {
  const findings = inventory.health?.findings ?? [];
  return findings.map((finding, index): PaletteEntry => {
    const target = healthTarget(finding, inventory);
    const object = describeObject(finding.object, inventory);
    return {
      // The same object can carry findings of two checks; the index keeps ids apart within one report.
      id: `health:${finding.checkId}:${finding.object.kind}:${finding.object.machineId ?? ''}:${finding.object.name}:${index}`,
      kind: 'finding',
      title: `Health: ${finding.message}`,
      detail: `${finding.severity} · ${object}${target ? ` · opens ${target.label}` : ''}`,
      keywords: `health check problem ${finding.checkId} ${finding.object.name} ${object}`,
      command: target ? { type: 'show', view: target.view, focus: target.focus } : { type: 'show', view: 'health', focus: null },
    };
  });
}
