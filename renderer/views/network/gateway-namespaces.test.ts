import { describe, expect, it } from 'vitest';
import { ipv4Network, portRole, summarizeGateways } from './gateway-namespaces';
import { failedOutcome, gatewayProbes, labInventory, outcome, ROUTER_NAMESPACE } from './lab-outputs.fixture';
import { splitShellTranscript } from '../../../electron/probes/parsers/index';
import { parseIpNetns } from '../../../electron/probes/parsers/ip-netns';
import { readFileSync } from 'node:fs';

describe('gateway namespaces read from the lab’s real outputs', () => {
  const summary = summarizeGateways(labInventory());
  const gateway = summary.gateways[0]!;
  const router = gateway.namespaces.find((namespace) => namespace.name === ROUTER_NAMESPACE)!;

  it('lists every namespace of `ip netns` with its kind and id, routers first', () => {
    expect(summary.problem).toBeNull();
    expect(gateway.label).toBe('node02ob64 (machine 26)');
    expect(gateway.namespaces.map((namespace) => [namespace.kind, namespace.id])).toEqual([
      ['qrouter', 4],
      ['qdhcp', 2],
      ['qdhcp', 3],
      ['qdhcp', 0],
    ]);
    expect(router.resourceId).toBe('35fea0f3-ca4d-4bdf-a3b7-c00194bbd566');
  });

  it('separates the router’s tenant ports (with their subnets) from its gateway port', () => {
    expect(router.internalPorts.map((port) => [port.name, port.subnet, port.addresses.find((address) => address.family === 'IPv4')?.cidr])).toEqual([
      ['qr-cdbf7fe2-ce', '198.51.100.0/27', '198.51.100.1/27'],
      ['qr-b2448589-2b', '198.51.100.32/27', '198.51.100.33/27'],
      ['qr-9ee5f7e3-a5', '198.51.100.64/27', '198.51.100.65/27'],
    ]);
    expect(router.externalPorts.map((port) => [port.name, port.subnet])).toEqual([['qg-adbbe7ab-46', '198.51.100.128/26']]);
    expect(router.interfaces?.find((iface) => iface.name === 'qr-cdbf7fe2-ce')?.addresses.map((address) => address.family)).toEqual(['IPv4', 'IPv6']);
  });

  it('takes the /32 addresses on qg- beside its own address as the floating addresses', () => {
    expect(router.floatingAddresses).toEqual(['198.51.100.133', '198.51.100.136', '198.51.100.138', '198.51.100.140']);
    const gatewayPort = router.externalPorts[0]!;
    expect(gatewayPort.addresses.filter((address) => !address.floating && address.family === 'IPv4').map((address) => address.cidr)).toEqual(['198.51.100.130/26']);
    expect(router.pingTargets).toEqual(router.floatingAddresses);
  });

  it('marks the default route and keeps the kernel routes of each port', () => {
    expect(router.routes?.filter((route) => route.isDefault)).toEqual([expect.objectContaining({ via: '198.51.100.129', device: 'qg-adbbe7ab-46' })]);
    expect(router.routes?.find((route) => route.destination === '198.51.100.32/27')).toMatchObject({ device: 'qr-b2448589-2b', source: '198.51.100.33', protocol: 'kernel' });
  });

  it('says a namespace’s addresses have not been read rather than showing none', () => {
    const dhcp = gateway.namespaces.find((namespace) => namespace.kind === 'qdhcp')!;
    expect(dhcp.interfaces).toBeNull();
    expect(dhcp.addressProblem).toContain(`netns-addr:${dhcp.name} probe on node02ob64 (machine 26) has not run yet`);
    expect(dhcp.pingTargets).toEqual([]);
  });
});

describe('gateway namespaces when the probes could not read them', () => {
  it('gives sudo’s refusal with the command that met it', () => {
    const refused = 'ip netns exec needs root on node02ob64, and sudo there asks for a password or refuses (sudo: a password is required). Give the lab user passwordless sudo for it.';
    const probes = gatewayProbes('26').map((probe) =>
      probe.probeId === `netns-addr:${ROUTER_NAMESPACE}` ? failedOutcome('26', probe.probeId, `sudo -n ip netns exec ${ROUTER_NAMESPACE} ip -j addr`, refused) : probe,
    );
    const router = summarizeGateways(labInventory(probes)).gateways[0]!.namespaces[0]!;
    expect(router.interfaces).toBeNull();
    expect(router.addressProblem).toBe(`netns-addr:${ROUTER_NAMESPACE} on node02ob64 (machine 26) failed (sudo -n ip netns exec ${ROUTER_NAMESPACE} ip -j addr): ${refused}`);
    expect(router.routes).not.toBeNull();
  });

  it('says what to do when no machine is a gateway', () => {
    const inventory = labInventory();
    inventory.machines = inventory.machines.filter((machine) => !machine.roles.includes('gateway'));
    expect(summarizeGateways(inventory)).toEqual({ gateways: [], problem: expect.stringContaining('No machine runs neutron-gateway') });
  });

  it('passes on why the gateway could not be reached', () => {
    const inventory = labInventory([]);
    inventory.machines = inventory.machines.map((machine) => (machine.id === '26' ? { ...machine, routeError: { code: 'ssh-auth-refused', message: 'the lab user key was refused' } } : machine));
    expect(summarizeGateways(inventory).gateways[0]).toMatchObject({ problem: 'node02ob64 (machine 26) could not be reached: the lab user key was refused', namespaces: [] });
  });

  it('reads the walkthrough’s own `ip netns` (Ubuntu 16.04), ids and all', () => {
    const transcript = readFileSync(new URL('../../../test/fixtures/outputs/transcripts/walkthrough-gateway-ip-netns-and-ping.txt', import.meta.url), 'utf8');
    const netns = splitShellTranscript(transcript).find((command) => command.command === 'ip netns')!;
    const probe = { ...outcome('26', 'ip-netns', 'ip-netns', 'ip-netns/lab-iproute2-6.1-with-ids.txt'), value: parseIpNetns(netns.output).value };
    const gateway = summarizeGateways(labInventory([probe])).gateways[0]!;
    expect(gateway.namespaces.map((namespace) => `${namespace.kind}:${namespace.id}`)).toEqual(['qrouter:1', 'qdhcp:2', 'qdhcp:0', 'qdhcp:3']);
  });
});

describe('address arithmetic and port names', () => {
  it('finds the network of an address', () => {
    expect(ipv4Network('198.51.100.33', 27)).toBe('198.51.100.32/27');
    expect(ipv4Network('198.51.100.130', 26)).toBe('198.51.100.128/26');
    expect(ipv4Network('198.51.100.7', 32)).toBe('198.51.100.7/32');
    expect(ipv4Network('198.51.100.7', 0)).toBe('0.0.0.0/0');
    expect(ipv4Network('2001:db8::1', 64)).toBeNull();
    expect(ipv4Network('198.51.100.300', 24)).toBeNull();
  });

  it('names Neutron’s port kinds by their prefixes', () => {
    expect(['qr-cdbf7fe2-ce', 'qg-adbbe7ab-46', 'tap9fab3b71-9d', 'lo', 'eth0'].map(portRole)).toEqual(['router-internal', 'router-external', 'dhcp', 'loopback', 'other']);
  });
});
