// Which of a machine's packages make it what it is in an OrangeBox: the LXD hypervisor, Nova,
// Neutron and Open vSwitch (and another hypervisor's packages, which a node meant to be LXD should
// not have). `dpkg -l` lists a thousand packages; the walkthrough greps for lxd, and an engineer
// comparing nodes needs the same few dozen, the three that say "nova-lxd" first.
import type { DpkgList, StackComponent, StackPackage } from '../../contract/lab-model';
import { LXD_STACK_PACKAGES } from './dpkg';

/** What the walkthrough's `dpkg -l | grep lxd` is for: the LXD daemon, its client and nova's LXD driver. */
export const LEADING_PACKAGES = ['lxd', 'lxd-client', 'nova-compute-lxd'];

/** Components in display order, each with the names that belong to it. */
const COMPONENTS: { component: StackComponent; title: string; matches: (name: string) => boolean }[] = [
  { component: 'lxd', title: 'LXD', matches: (name) => LXD_STACK_PACKAGES.includes(name) },
  { component: 'nova', title: 'Nova', matches: (name) => /^(nova-|python3?-nova(-|client$|$))/.test(name) },
  { component: 'neutron', title: 'Neutron', matches: (name) => /^(neutron-|python3?-neutron(-|client$|$))/.test(name) },
  { component: 'ovs', title: 'Open vSwitch / OVN', matches: (name) => /^(openvswitch-|python3?-openvswitch$|ovn-)/.test(name) },
  // A node meant to run LXD instances that also has libvirt/QEMU may be running KVM instances.
  { component: 'other-hypervisor', title: 'Other hypervisors', matches: (name) => /^(libvirt-daemon(-system)?|libvirt-bin|qemu-kvm|qemu-system-x86)$/.test(name) },
];

export const STACK_COMPONENT_TITLES: Record<StackComponent, string> = Object.fromEntries(COMPONENTS.map(({ component, title }) => [component, title])) as Record<StackComponent, string>;

export function stackComponentOf(name: string): StackComponent | null {
  return COMPONENTS.find((entry) => entry.matches(name))?.component ?? null;
}

/**
 * The stack's packages: lxd, lxd-client and nova-compute-lxd first, then by component (LXD in
 * LXD_STACK_PACKAGES order, the others by name). A package dpkg lists twice (two architectures) stays twice.
 */
export function selectStackPackages(list: DpkgList): StackPackage[] {
  const selected: StackPackage[] = [];
  for (const pkg of list.packages) {
    const component = stackComponentOf(pkg.name);
    if (component) selected.push({ ...pkg, component });
  }
  const rank = (pkg: StackPackage): [number, number, string] => {
    const leading = LEADING_PACKAGES.indexOf(pkg.name);
    if (leading >= 0) return [0, leading, ''];
    const component = COMPONENTS.findIndex((entry) => entry.component === pkg.component);
    const lxdOrder = pkg.component === 'lxd' ? LXD_STACK_PACKAGES.indexOf(pkg.name) : 0;
    return [1 + component, lxdOrder, pkg.name];
  };
  return selected
    .map((pkg) => ({ pkg, key: rank(pkg) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2].localeCompare(b.key[2]))
    .map(({ pkg }) => pkg);
}
