// The gateway's namespace checks over a small lab (test/support/health-lab.ts): each finds its
// fault in the right namespace on the right machine, and nothing when the gateway is whole.
import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../health-check';
import { FLOATING_0C, healthyLab, inventoryOf, model, QDHCP_PRIVATE, QDHCP_PRIVATE2, ROUTER, type HealthLab } from '../../../test/support/health-lab';
import { DHCP_DNSMASQ_NOT_RUNNING } from './dhcp-dnsmasq-not-running';
import { DHCP_PORT_WITHOUT_ADDRESS } from './dhcp-port-without-address';
import { FLOATING_IP_NAT } from './floating-ip-nat';
import { NAMESPACE_PORT_DOWN } from './namespace-port-down';
import { ROUTER_WITHOUT_DEFAULT_ROUTE } from './router-without-default-route';

const run = (check: HealthCheck, lab: HealthLab) => check.run(inventoryOf(lab));
const addresses = (lab: HealthLab, namespace: string) => model(lab, '26', `netns-addr:${namespace}`, 'netns-addr').interfaces;

describe.each([DHCP_DNSMASQ_NOT_RUNNING, DHCP_PORT_WITHOUT_ADDRESS, FLOATING_IP_NAT, NAMESPACE_PORT_DOWN, ROUTER_WITHOUT_DEFAULT_ROUTE])('$id', (check) => {
  it('finds nothing on a whole gateway', () => {
    expect(run(check, healthyLab())).toEqual([]);
  });
});

describe('floating-ip-nat', () => {
  it('finds a floating address on qg- that no DNAT rule translates', () => {
    const lab = healthyLab();
    model(lab, '26', `netns-firewall:${ROUTER}`, 'netns-firewall').natPairs = [];
    const findings = run(FLOATING_IP_NAT, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'floating-ip', name: FLOATING_0C, machineId: '26' }]);
    expect(findings[0]!.message).toMatch(new RegExp(`^Floating address ${FLOATING_0C.replace(/\./g, '\\.')} is on qg-adbbe7ab-46 in ${ROUTER} on machine 26, but no DNAT rule translates it`));
    expect(findings[0]!.command).toBe(`sudo ip netns exec ${ROUTER} nft list ruleset`);
  });

  it('finds a DNAT rule whose floating address is not on qg-', () => {
    const lab = healthyLab();
    const gateway = addresses(lab, ROUTER).find((entry) => entry.name.startsWith('qg-'))!;
    gateway.addresses = gateway.addresses.filter((entry) => entry.address !== FLOATING_0C);
    const findings = run(FLOATING_IP_NAT, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'floating-ip', name: FLOATING_0C, machineId: '26' }]);
    expect(findings[0]!.message).toContain(`DNATs ${FLOATING_0C} to 198.51.100.12, but ${FLOATING_0C} is not on its qg- port`);
  });

  it('takes an SNAT alone as no translation for the floating address', () => {
    const lab = healthyLab();
    model(lab, '26', `netns-firewall:${ROUTER}`, 'netns-firewall').natPairs[0]!.dnat = false;
    expect(run(FLOATING_IP_NAT, lab).map((finding) => finding.evidence[1])).toEqual([`only an SNAT from 198.51.100.12 to it`]);
  });
});

describe('dhcp-dnsmasq-not-running', () => {
  it('finds the qdhcp namespace whose dnsmasq is gone', () => {
    const lab = healthyLab();
    const processes = model(lab, '26', 'dnsmasq-processes', 'dnsmasq-processes');
    processes.processes = processes.processes.filter((process) => !QDHCP_PRIVATE2.endsWith(process.networkId!));
    const findings = run(DHCP_DNSMASQ_NOT_RUNNING, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'namespace', name: QDHCP_PRIVATE2, machineId: '26' }]);
    expect(findings[0]!.message).toMatch(/^No dnsmasq serves qdhcp-2ed6a3e2-.* on machine 26: instances on network 2ed6a3e2-/);
  });

  it('knows a dnsmasq by its interface when its arguments name no network', () => {
    const lab = healthyLab();
    for (const process of model(lab, '26', 'dnsmasq-processes', 'dnsmasq-processes').processes) process.networkId = null;
    expect(run(DHCP_DNSMASQ_NOT_RUNNING, lab)).toEqual([]);
  });
});

describe('dhcp-port-without-address', () => {
  it('finds a DHCP tap with no address', () => {
    const lab = healthyLab();
    addresses(lab, QDHCP_PRIVATE).find((entry) => entry.name === 'tap9fab3b71-9d')!.addresses = [];
    expect(run(DHCP_PORT_WITHOUT_ADDRESS, lab).map((finding) => finding.object)).toEqual([{ kind: 'interface', name: 'tap9fab3b71-9d', machineId: '26' }]);
  });

  it('finds a qdhcp namespace with no port at all', () => {
    const lab = healthyLab();
    const list = addresses(lab, QDHCP_PRIVATE);
    list.splice(list.findIndex((entry) => entry.name === 'tap9fab3b71-9d'), 1);
    const findings = run(DHCP_PORT_WITHOUT_ADDRESS, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'namespace', name: QDHCP_PRIVATE, machineId: '26' }]);
    expect(findings[0]!.evidence).toEqual(['interfaces: lo']);
  });
});

describe('router-without-default-route', () => {
  it('finds a router with a gateway port and no default route', () => {
    const lab = healthyLab();
    model(lab, '26', `netns-route:${ROUTER}`, 'netns-route').routes = [{ destination: '198.51.100.0/27', gateway: null, device: 'qr-cdbf7fe2-ce', protocol: 'kernel', scope: 'link', metric: null, source: null, type: null }];
    const findings = run(ROUTER_WITHOUT_DEFAULT_ROUTE, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'namespace', name: ROUTER, machineId: '26' }]);
    expect(findings[0]!.message).toContain('has an external gateway (qg-adbbe7ab-46 198.51.100.130/26) but no default route');
    expect(findings[0]!.evidence).toEqual(['routes: 198.51.100.0/27 dev qr-cdbf7fe2-ce']);
  });

  it('leaves a router without an external gateway alone', () => {
    const lab = healthyLab();
    model(lab, '26', `netns-route:${ROUTER}`, 'netns-route').routes = [];
    const list = addresses(lab, ROUTER);
    list.splice(list.findIndex((entry) => entry.name.startsWith('qg-')), 1);
    expect(run(ROUTER_WITHOUT_DEFAULT_ROUTE, lab)).toEqual([]);
  });
});

describe('namespace-port-down', () => {
  it('finds a router port set down, naming what it breaks', () => {
    const lab = healthyLab();
    Object.assign(addresses(lab, ROUTER).find((entry) => entry.name === 'qr-cdbf7fe2-ce')!, { state: 'DOWN', flags: ['BROADCAST', 'MULTICAST'] });
    const findings = run(NAMESPACE_PORT_DOWN, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'interface', name: 'qr-cdbf7fe2-ce', machineId: '26' }]);
    expect(findings[0]!.message).toContain('instances on its network lose their gateway');
  });
});
