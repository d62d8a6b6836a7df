import { describe, expect, it } from 'vitest';
import { LXD_STACK_PACKAGES, parseDpkgList } from '../../../electron/probes/parsers/dpkg';
import { selectStackPackages } from '../../../electron/probes/parsers/compute-stack';
import { UNREADABLE } from '../../../electron/probes/parsers/parse-result';
import { fixture } from './fixtures';

describe('dpkg -l, walkthrough (`dpkg -l | grep lxd` on a xenial compute node)', () => {
  const result = parseDpkgList(fixture('dpkg', 'walkthrough-dpkg-l-grep-lxd.txt'));

  it('reads the grepped lines without the heading, finding the Architecture column by its values', () => {
    expect(result.format).toBe('dpkg-l-lines');
    expect(result.problems).toEqual([]);
    expect(result.value.packages.map((pkg) => [pkg.status, pkg.name, pkg.version, pkg.arch])).toEqual([
      ['ii', 'lxd', '2.0.5-0ubuntu1~ubuntu16.04.1', 'amd64'],
      ['ii', 'lxd-client', '2.0.5-0ubuntu1~ubuntu16.04.1', 'amd64'],
      ['ii', 'nova-compute-lxd', '14.0.0-0ubuntu1~cloud0', 'all'],
      ['ii', 'python-nova-lxd', '14.0.0-0ubuntu1~cloud0', 'all'],
      ['ii', 'python-pylxd', '2.1.1-0ubuntu1~cloud0', 'all'],
    ]);
    expect(result.value.packages[2]?.description).toBe('Openstack Compute - LXD container hypervisor support');
  });

  it('selects the LXD hypervisor stack, lxd, lxd-client and nova-compute-lxd first', () => {
    expect(selectStackPackages(result.value).map((pkg) => pkg.name)).toEqual(['lxd', 'lxd-client', 'nova-compute-lxd', 'python-nova-lxd', 'python-pylxd']);
  });
});

describe('dpkg -l, dpkg 1.21 (Debian 12)', () => {
  it('reads the full listing with its heading', () => {
    const result = parseDpkgList(fixture('dpkg', 'debian-12-dpkg-1.21-head.txt'));
    expect(result.format).toBe('dpkg-l');
    expect(result.problems).toEqual([]);
    expect(result.value.packages[0]).toEqual({ status: 'ii', name: 'adduser', version: '3.134', arch: 'all', description: 'add and remove users and groups' });
  });

  it('reads known-but-absent packages ("un … <none>") with no version, and multi-arch names', () => {
    const { value } = parseDpkgList(fixture('dpkg', 'debian-12-dpkg-1.21-lxd-stack.txt'));
    expect(value.packages.find((pkg) => pkg.name === 'lxc')).toEqual({ status: 'un', name: 'lxc', version: null, arch: null, description: '(no description available)' });
    expect(value.packages.find((pkg) => pkg.name === 'liblxc1')).toMatchObject({ version: '1:5.0.2-1+deb12u4', arch: 'amd64' });
    expect(selectStackPackages(value).map((pkg) => `${pkg.status} ${pkg.name}`)).toEqual(['ii lxd', 'ii lxd-client', 'ii lxcfs', 'ii liblxc1', 'ii liblxc-common', 'un lxc', 'ii openvswitch-switch']);
  });

  it('reads dpkg before 1.16.2, which had no Architecture column', () => {
    const old = [
      '||/ Name                 Version              Description',
      '+++-====================-====================-===============================================',
      'ii  lxd                  2.0.0-0ubuntu4       Container hypervisor based on LXC - daemon',
      'rc  lxc                  1.0.8-0ubuntu0.3     Linux Containers userspace tools',
    ].join('\n');
    const result = parseDpkgList(old);
    expect(result.format).toBe('dpkg-l-without-architecture');
    expect(result.value.packages).toEqual([
      { status: 'ii', name: 'lxd', version: '2.0.0-0ubuntu4', arch: null, description: 'Container hypervisor based on LXC - daemon' },
      { status: 'rc', name: 'lxc', version: '1.0.8-0ubuntu0.3', arch: null, description: 'Linux Containers userspace tools' },
    ]);
  });

  it('keeps the Nova, Neutron and OVS stack too, by component, and leaves the rest out', () => {
    const listing = ['python3-openvswitch', 'neutron-openvswitch-agent', 'nova-compute', 'openssh-server', 'python-novaclient', 'nova-compute-lxd', 'lxcfs', 'lxd', 'qemu-kvm', 'python3-neutron', 'novalidate', 'lxd-client', 'openvswitch-switch', 'nova-common', 'python3-nova']
      .map((name) => `ii  ${name}  1.0  amd64  a package`)
      .join('\n');
    const selected = selectStackPackages(parseDpkgList(listing).value);
    expect(selected.map((pkg) => `${pkg.component} ${pkg.name}`)).toEqual([
      'lxd lxd',
      'lxd lxd-client',
      'lxd nova-compute-lxd',
      'lxd lxcfs',
      'nova nova-common',
      'nova nova-compute',
      'nova python-novaclient',
      'nova python3-nova',
      'neutron neutron-openvswitch-agent',
      'neutron python3-neutron',
      'ovs openvswitch-switch',
      'ovs python3-openvswitch',
      'other-hypervisor qemu-kvm',
    ]);
  });

  it('names every package of the stack it looks for', () => {
    expect(LXD_STACK_PACKAGES).toEqual(expect.arrayContaining(['lxd', 'lxd-client', 'nova-compute-lxd', 'python-nova-lxd', 'python3-nova-lxd', 'python-pylxd', 'python3-pylxd', 'lxcfs', 'liblxc1', 'lxc']));
  });

  it('reports lines that are not packages and what dpkg-query said', () => {
    const result = parseDpkgList('dpkg-query: no packages found matching lxd\n');
    expect(result.format).toBe(UNREADABLE);
    expect(result.problems).toEqual([{ line: 1, message: 'dpkg-query: no packages found matching lxd' }]);
  });
});
