import { describe, expect, it } from 'vitest';
import { parseDnsmasqProcesses } from '../../../electron/probes/parsers/dnsmasq-processes';
import { UNREADABLE } from '../../../electron/probes/parsers/parse-result';
import { fixture } from './fixtures';

describe('pgrep -a dnsmasq: which networks have their DHCP server running', () => {
  it('reads the lab gateway’s three dnsmasq, each with its network (from its hosts file’s directory) and tap', () => {
    const { value, format, problems } = parseDnsmasqProcesses(fixture('dnsmasq-processes', 'lab-pgrep-procps-4.0.2.txt'));
    expect(format).toBe('pgrep');
    expect(problems).toEqual([]);
    expect(value.processes.map((process) => process.networkId)).toEqual(['f8ec06d8-c199-45b8-bc72-56ee2c806fed', '2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f', 'ac7bafe8-3c37-48ba-8c24-98be14f4d9f7']);
    expect(value.processes[0]).toMatchObject({ pid: 12231, interface: 'tap9fab3b71-9d' });
    expect(value.processes[0]?.commandLine).toMatch(/^\/usr\/sbin\/dnsmasq --keep-in-foreground .* --log-facility=\S+dnsmasq\.log$/);
  });

  it('reads Neutron’s dnsmasq out of ps -ef and ps aux, leaving out the grep that found them', () => {
    const psAux = parseDnsmasqProcesses(fixture('dnsmasq-processes', 'neutron-blog-ps-aux-grep.txt'));
    expect(psAux.format).toBe('ps aux');
    expect(psAux.value.processes).toEqual([expect.objectContaining({ pid: 13598, networkId: '1ced55ea-d30f-4c1d-ba97-6a7bbbd9ecca', interface: 'tapbe7511c5-68' })]);
    const psEf = parseDnsmasqProcesses(fixture('dnsmasq-processes', 'vagrant-controller-ps-ef-grep.txt'));
    expect(psEf.format).toBe('ps -ef');
    expect(psEf.value.processes).toEqual([expect.objectContaining({ pid: 2885, networkId: '59fe11c2-2131-4a9b-b708-e855c3c6ac25', interface: 'ns-c4715845-e1' })]);
    const vlan = parseDnsmasqProcesses(fixture('dnsmasq-processes', 'vlan-notes-ps-ef-grep.txt'));
    expect(vlan.value.processes).toEqual([expect.objectContaining({ pid: 29961, networkId: '055200c9-b0ca-4ad8-ae00-4ae4b37b8898', interface: 'tap4eb5f850-5a' })]);
    expect(vlan.value.processes[0]?.commandLine.startsWith('/usr/sbin/dnsmasq --no-hosts')).toBe(true);
  });

  it('reads a dnsmasq that is not Neutron’s (LXD’s, libvirt’s) with no network', () => {
    const { value } = parseDnsmasqProcesses('981 dnsmasq --keep-in-foreground --strict-order --bind-interfaces --except-interface=lo --pid-file= --no-ping --interface=lxdbr0 --dhcp-leasefile=/var/snap/lxd/common/lxd/networks/lxdbr0/dnsmasq.leases\n');
    expect(value.processes).toEqual([expect.objectContaining({ pid: 981, networkId: null, interface: 'lxdbr0' })]);
  });

  it('reads no output (pgrep found none, exit 1) as no process, and says what is not a process line', () => {
    expect(parseDnsmasqProcesses('')).toEqual({ value: { processes: [] }, format: 'pgrep', problems: [] });
    const wrong = parseDnsmasqProcesses('dnsmasq: failed to create listening socket\n');
    expect(wrong.format).toBe(UNREADABLE);
    expect(wrong.problems[0]).toEqual({ line: 1, message: expect.stringMatching(/^not a process line: "dnsmasq: failed/) });
  });
});
