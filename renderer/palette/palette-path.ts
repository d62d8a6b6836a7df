// The palette's "Why can't <source> reach <target>?": each likely question (from a router namespace
// or a Nova instance to an instance's address or a floating address) opens Diagnostics with the path
// analysed at once. Bounded, so a lab of thousands of containers does not flood the palette.
import type { LabInventory } from '../../electron/contract/inventory';
import { sourceChoices, targetChoices } from '../views/diagnostics/ping-choices';
import type { PaletteEntry } from './palette-entries';

/** Sources offered: the router namespaces, then Nova's instances; past this many, Diagnostics' picker has them all. */
const MAX_PATH_SOURCES = 12;
/** Targets offered per source, instance addresses first, then floating ones. */
const MAX_PATH_TARGETS = 24;

export function pathEntries(inventory: LabInventory): PaletteEntry[] {
  const sources = sourceChoices(inventory)
    .filter((choice) => (choice.source.kind === 'namespace' && choice.source.namespace.startsWith('qrouter-')) || (choice.source.kind === 'container' && choice.source.container.startsWith('instance-')))
    .slice(0, MAX_PATH_SOURCES);
  const targets = targetChoices(inventory)
    .filter((choice) => choice.group === 'Floating addresses' || choice.label.startsWith('instance-'))
    .slice(0, MAX_PATH_TARGETS);
  return sources.flatMap((source) =>
    targets
      .filter((target) => !(source.source.kind === 'container' && target.label === source.source.container))
      .map((target): PaletteEntry => {
        const from = source.source.kind === 'container' ? source.source.container : source.label.split(' on ')[0]!;
        return {
          id: `path:${source.key}:${target.address}`,
          kind: 'action',
          // An instance by its name (its address is in the detail, where searching for it finds it), a floating address as itself.
          title: `Why can't ${from} reach ${target.group === 'Floating addresses' ? `floating ${target.address}` : target.label}?`,
          detail: `path analysis hop by hop to ${target.address} (${target.label}) from ${source.label}`,
          keywords: `path trace troubleshoot blocked reach hop ${target.label} ${source.label}`,
          command: { type: 'show', view: 'diagnostics', focus: { view: 'diagnostics', targets: [], path: { source: source.source, target: { kind: 'address', address: target.address } } } },
        };
      }),
  );
}
