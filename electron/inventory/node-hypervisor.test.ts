import { describe, expect, it } from 'vitest';
import type { InventoryMachine, ProbeOutcome } from '../contract/inventory';
import { parseIni } from '../probes/parsers/ini';
import { hypervisorLabel, readMachineHypervisor } from './node-hypervisor';

const node = (roles: InventoryMachine['roles'] = ['compute']): InventoryMachine => ({
  id: '25',
  hostname: 'node07ob64',
  address: null,
  roles,
  applications: [],
  jujuState: 'started',
  route: null,
  routeError: null,
  hypervisor: null,
});

const read = (probeId: string, text: string): ProbeOutcome => ({
  machineId: '25',
  probeId,
  command: 'cat',
  startedAt: '2026-12-07T00:00:00.000Z',
  durationMs: 1,
  status: 'ok',
  value: parseIni(text).value,
  format: 'ini',
  problems: [],
  error: null,
});

const failed = (probeId: string, message: string): ProbeOutcome => ({ ...read(probeId, ''), status: 'failed', value: null, error: { code: 'command-exit', message } });

describe('a compute node’s hypervisor, from compute_driver', () => {
  it('reads nova-lxd from nova-compute.conf, naming the file and line', () => {
    const probes = [read('nova-conf', '[DEFAULT]\nmy_ip = 10.0.0.8\n'), read('nova-compute-conf', '[DEFAULT]\n# set by the charm\ncompute_driver = lxd.LXDDriver\n')];
    expect(readMachineHypervisor(node(), probes)).toEqual({
      kind: 'lxd',
      label: 'LXD (nova-lxd, lxd.LXDDriver)',
      computeDriver: 'lxd.LXDDriver',
      virtType: null,
      source: { file: '/etc/nova/nova-compute.conf', line: 3 },
      warning: null,
    });
  });

  it('takes nova-compute.conf over nova.conf (nova-compute reads it last)', () => {
    const probes = [read('nova-conf', '[DEFAULT]\ncompute_driver = libvirt.LibvirtDriver\n'), read('nova-compute-conf', '[DEFAULT]\ncompute_driver = nova_lxd.nova.virt.lxd.LXDDriver\n')];
    expect(readMachineHypervisor(node(), probes)?.kind).toBe('lxd');
  });

  it('falls back to nova.conf, and marks a compute node that is not LXD with the evidence', () => {
    const probes = [read('nova-conf', '[DEFAULT]\ncompute_driver = libvirt.LibvirtDriver\n[libvirt]\nvirt_type = kvm\n'), read('nova-compute-conf', '[DEFAULT]\n')];
    const hypervisor = readMachineHypervisor(node(), probes)!;
    expect(hypervisor).toMatchObject({ kind: 'kvm', label: 'libvirt/KVM (libvirt.LibvirtDriver)', virtType: 'kvm', source: { file: '/etc/nova/nova.conf', line: 2 } });
    expect(hypervisor.warning).toMatch(/node07ob64 .* runs libvirt\/KVM \(libvirt\.LibvirtDriver\), not nova-lxd.*\/etc\/nova\/nova\.conf line 2/);
  });

  it('says why when compute_driver cannot be read, or is set nowhere', () => {
    const unread = readMachineHypervisor(node(), [failed('nova-conf', 'cat: /etc/nova/nova.conf: Permission denied'), failed('nova-compute-conf', 'cat: /etc/nova/nova-compute.conf: No such file or directory')])!;
    expect(unread.kind).toBe('unknown');
    expect(unread.warning).toMatch(/could not be read on node07ob64.*nova-compute.conf: .*No such file.*nova.conf: .*Permission denied/);
    const unset = readMachineHypervisor(node(), [read('nova-conf', '[DEFAULT]\ndebug = true\n'), read('nova-compute-conf', '[DEFAULT]\n')])!;
    expect(unset.warning).toMatch(/neither \/etc\/nova\/nova-compute\.conf nor \/etc\/nova\/nova\.conf .* sets \[DEFAULT\] compute_driver/);
  });

  it('has nothing to say before nova’s files are read, and nothing for a machine that is not a compute node', () => {
    expect(readMachineHypervisor(node(), [])).toMatchObject({ label: 'not read yet', warning: null });
    expect(readMachineHypervisor(node(['gateway']), [read('nova-compute-conf', '[DEFAULT]\ncompute_driver = lxd.LXDDriver\n')])).toBeNull();
  });

  it('labels drivers the way an engineer says them', () => {
    expect(hypervisorLabel('qemu', 'libvirt.LibvirtDriver')).toBe('libvirt/QEMU (emulated, libvirt.LibvirtDriver)');
    expect(hypervisorLabel('ironic', 'ironic.IronicDriver')).toBe('Ironic (bare metal, ironic.IronicDriver)');
    expect(hypervisorLabel('hyperv', 'hyperv.HyperVDriver')).toBe('Hyper-V (hyperv.HyperVDriver)');
  });
});
