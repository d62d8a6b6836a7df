// A compute node's card mounted in a DOM: what a person sees of its hypervisor, packages and nova
// settings, including a node that is not LXD (the real lab has none) and files that failed to read.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import MachineCard from './MachineCard.svelte';
import type { InventoryMachine, LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import { parseIni } from '../../../electron/probes/parsers/ini';
import { parseDpkgList } from '../../../electron/probes/parsers/dpkg';
import { selectStackPackages } from '../../../electron/probes/parsers/compute-stack';
import { readMachineHypervisor } from '../../../electron/inventory/node-hypervisor';
import { nodeFacts, type NovaFileProbe } from './node-facts';

const read = (probeId: string, value: unknown): ProbeOutcome => ({ machineId: '25', probeId, command: `cat ${probeId}`, startedAt: '2026-12-07T00:00:00.000Z', durationMs: 3, status: 'ok', value, format: 'ini', problems: [], error: null });
const failed = (probeId: string, message: string): ProbeOutcome => ({ ...read(probeId, null), status: 'failed', error: { code: 'command-exit', message } });

function inventoryOf(probes: ProbeOutcome[]): { inventory: LabInventory; machine: InventoryMachine } {
  const bare: InventoryMachine = { id: '25', hostname: 'node07ob64', address: '10.0.0.25', roles: ['compute'], applications: ['nova-compute'], jujuState: 'started', route: null, routeError: null, hypervisor: null };
  const machine = { ...bare, hypervisor: readMachineHypervisor(bare, probes) };
  return { machine, inventory: { labId: 'lab', refreshing: false, refreshedAt: null, lastRefreshMs: null, machines: [machine], probes, links: { containers: [] } } };
}

let target: HTMLElement;
let card: ReturnType<typeof mount> | null = null;
const opened: NovaFileProbe[] = [];

function show(probes: ProbeOutcome[]): HTMLElement {
  const { inventory, machine } = inventoryOf(probes);
  target = document.createElement('div');
  document.body.append(target);
  card = mount(MachineCard, {
    target,
    props: { machine, probes, facts: nodeFacts(inventory, '25'), routeOverride: null, onRoute: () => {}, onOpenTerminal: () => {}, onOpenFile: (probeId: NovaFileProbe) => opened.push(probeId) },
  });
  flushSync();
  return target;
}

afterEach(() => {
  if (card) unmount(card);
  card = null;
  target?.remove();
  opened.length = 0;
});

describe('a compute node’s card', () => {
  it('marks a compute node on libvirt/KVM with the evidence, and opens its files', () => {
    const page = show([
      read('nova-conf', parseIni('[DEFAULT]\nmy_ip = 10.0.0.25\ncompute_driver = libvirt.LibvirtDriver\n[neutron]\npassword = clear-text-secret\n').value),
      read('nova-compute-conf', parseIni('[DEFAULT]\n[libvirt]\nvirt_type = kvm\n').value),
      read('packages', { packages: selectStackPackages(parseDpkgList('ii  qemu-kvm  1:2.5  amd64  q\nii  nova-compute  2:13.1  all  n\n').value) }),
    ]);
    const hypervisor = page.querySelector('[data-testid="hypervisor"]')!;
    expect(hypervisor.classList.contains('not-lxd')).toBe(true);
    expect(hypervisor.textContent).toContain('libvirt/KVM (libvirt.LibvirtDriver)');
    expect(hypervisor.textContent).toContain('from /etc/nova/nova.conf line 3');
    expect(hypervisor.querySelector('[role="note"]')?.textContent).toMatch(/node07ob64 is a compute node of an OrangeBox but runs libvirt\/KVM/);
    expect([...page.querySelectorAll('tr[data-package]')].map((row) => row.getAttribute('data-package'))).toEqual(['nova-compute', 'qemu-kvm']);
    expect(page.querySelector('tr[data-setting="DEFAULT.compute_driver"]')?.textContent).toMatch(/libvirt\.LibvirtDriver\s*nova\.conf:3/);
    expect(page.textContent).not.toContain('clear-text-secret');
    (page.querySelector('[data-open-file="nova-conf"]') as HTMLButtonElement).click();
    expect(opened).toEqual(['nova-conf']);
    expect(page.querySelector('details.how-read')?.hasAttribute('open')).toBe(false);
  });

  it('says why when nova’s files could not be read, and shows no LXD claim', () => {
    const page = show([failed('nova-conf', 'cat: /etc/nova/nova.conf: Permission denied'), failed('nova-compute-conf', 'cat: /etc/nova/nova-compute.conf: No such file or directory'), failed('packages', 'dpkg is not installed')]);
    expect(page.querySelector('[data-testid="hypervisor"]')?.textContent).toMatch(/compute_driver not found.*could not be read on node07ob64/s);
    expect(page.textContent).toContain('nova.conf: cat: /etc/nova/nova.conf: Permission denied');
    expect(page.textContent).toContain('dpkg is not installed');
    expect(page.querySelector('[data-open-file]')).toBeNull();
  });

  it('lists every probe that failed on the card itself, with its command and error, above the folded probe list', () => {
    const page = show([
      read('nova-conf', parseIni('[DEFAULT]\ncompute_driver = lxd.LXDDriver\n').value),
      failed('lxc-list', "the lab user on node07ob64 may not use LXD (add it to the lxd group): Error: Get \"http://unix.socket/1.0\": permission denied"),
      failed('packages', 'dpkg is not installed'),
    ]);
    const failures = page.querySelector('section[aria-label="What could not be read on node07ob64"]')!;
    expect(failures.querySelector('h3')?.textContent).toBe('2 probes of 3 could not be read');
    expect([...failures.querySelectorAll('li')].map((item) => [item.getAttribute('data-failed-probe'), item.querySelector('code')?.textContent, item.querySelector('.error')?.textContent])).toEqual([
      ['lxc-list', 'cat lxc-list', 'the lab user on node07ob64 may not use LXD (add it to the lxd group): Error: Get "http://unix.socket/1.0": permission denied'],
      ['packages', 'cat packages', 'dpkg is not installed'],
    ]);
    expect(page.querySelector('details.how-read')?.hasAttribute('open')).toBe(false);
  });

  it('shows no failure list when every probe was read', () => {
    const page = show([read('nova-conf', parseIni('[DEFAULT]\ncompute_driver = lxd.LXDDriver\n').value)]);
    expect(page.querySelector('section.read-failures')).toBeNull();
  });
});
