import { describe, expect, it } from 'vitest';
import type { InventoryMachine, LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import { parseIni } from '../../../electron/probes/parsers/ini';
import { parseDpkgList } from '../../../electron/probes/parsers/dpkg';
import { selectStackPackages } from '../../../electron/probes/parsers/compute-stack';
import { compareComputeNodes } from './node-comparison';
import { keySettings, nodeFacts, packageStatusLabel } from './node-facts';

const machine = (id: string, hostname: string, roles: InventoryMachine['roles'] = ['compute']): InventoryMachine => ({ id, hostname, address: null, roles, applications: [], jujuState: 'started', route: null, routeError: null, hypervisor: null });

const outcome = (machineId: string, probeId: string, value: unknown): ProbeOutcome => ({ machineId, probeId, command: `cat ${probeId}`, startedAt: '2026-12-07T00:00:00.000Z', durationMs: 1, status: 'ok', value, format: 'ini', problems: [], error: null });

const dpkg = (lines: string[]) => ({ packages: selectStackPackages(parseDpkgList(lines.join('\n')).value) });

function lab(): LabInventory {
  return {
    labId: 'lab-1',
    refreshing: false,
    refreshedAt: null,
    lastRefreshMs: null,
    machines: [machine('22', 'node03ob64'), machine('24', 'node05ob64'), machine('26', 'node02ob64', ['gateway'])],
    probes: [
      outcome('22', 'packages', dpkg(['ii  lxd  2.0.5-0ubuntu1  amd64  d', 'ii  nova-compute-lxd  14.0.0  all  d'])),
      outcome('24', 'packages', dpkg(['ii  lxd  2.0.8-0ubuntu1  amd64  d'])),
      outcome('22', 'nova-conf', parseIni('[DEFAULT]\nmy_ip = 10.0.0.22\nreserved_host_memory = 512\n[neutron]\nurl = http://10.0.0.5:9696\npassword = first\n').value),
      outcome('24', 'nova-conf', parseIni('[DEFAULT]\nmy_ip = 10.0.0.24\nreserved_host_memory = 1024\nlibvirt_vif_driver = nova.virt.libvirt.vif.LibvirtGenericVIFDriver\n[neutron]\nurl = http://10.0.0.5:9696\npassword = second\n').value),
      outcome('22', 'nova-compute-conf', parseIni('[DEFAULT]\ncompute_driver = lxd.LXDDriver\n').value),
      outcome('24', 'nova-compute-conf', parseIni('[DEFAULT]\ncompute_driver = lxd.LXDDriver\nreserved_host_memory = 2048\n').value),
    ],
    links: { containers: [] },
  };
}

describe('comparing compute nodes', () => {
  const comparison = compareComputeNodes(lab());
  const row = (rows: typeof comparison.packages, id: string) => rows.find((candidate) => candidate.id === id)!;

  it('has a column per compute node only', () => {
    expect(comparison.nodes).toEqual([
      { machineId: '22', name: 'node03ob64' },
      { machineId: '24', name: 'node05ob64' },
    ]);
  });

  it('marks a package whose version differs, or that one node lacks', () => {
    expect(row(comparison.packages, 'lxd')).toMatchObject({ values: ['2.0.5-0ubuntu1', '2.0.8-0ubuntu1'], differs: true });
    expect(row(comparison.packages, 'nova-compute-lxd')).toMatchObject({ values: ['14.0.0', null], differs: true });
  });

  it('compares the value nova uses (nova-compute.conf over nova.conf), and says which file set it', () => {
    expect(row(comparison.settings, 'DEFAULT.reserved_host_memory')).toMatchObject({ values: ['512', '2048'], files: ['nova-conf', 'nova-compute-conf'], differs: true, perNode: false });
    expect(row(comparison.settings, 'neutron.url')).toMatchObject({ differs: false });
    expect(row(comparison.settings, 'DEFAULT.libvirt_vif_driver')).toMatchObject({ values: [null, 'nova.virt.libvirt.vif.LibvirtGenericVIFDriver'], differs: true });
  });

  it('calls a node’s own address a difference by design', () => {
    expect(row(comparison.settings, 'DEFAULT.my_ip')).toMatchObject({ differs: true, perNode: true });
  });

  it('never compares secrets by value (both are masked), only whether each node sets one', () => {
    expect(row(comparison.settings, 'neutron.password')).toMatchObject({ values: ['••••••', '••••••'], masked: true, differs: false });
    expect(JSON.stringify(comparison)).not.toMatch(/first|second/);
  });

  it('lists [DEFAULT] first', () => {
    expect(comparison.settings[0]!.id.startsWith('DEFAULT.')).toBe(true);
  });
});

describe('a node’s key settings', () => {
  it('names the file and line of each, nova-compute.conf first, and "not set" where nothing sets it', () => {
    const settings = keySettings(nodeFacts(lab(), '24'));
    expect(settings.find((setting) => setting.label === 'Reserved host memory')).toMatchObject({ key: 'DEFAULT.reserved_host_memory', value: '2048', file: 'nova-compute-conf', line: 3 });
    expect(settings.find((setting) => setting.label === 'Compute driver')).toMatchObject({ value: 'lxd.LXDDriver', file: 'nova-compute-conf', line: 2 });
    expect(settings.find((setting) => setting.label === 'Glance endpoint')).toMatchObject({ value: null, file: null });
  });

  it('says dpkg’s status letters in words', () => {
    expect(packageStatusLabel('ii')).toBe('installed');
    expect(packageStatusLabel('rc')).toBe('removed, config files kept, marked for removal');
    expect(packageStatusLabel('hi')).toBe('installed, held');
    expect(packageStatusLabel('iUR')).toBe('unpacked, not configured, reinstall required');
  });
});
