// The page's share of a health report at scale (issue 13 §5/§7): the Health view's work per
// finding (its object in words, where it opens, its terminal) and the palette's "Health: …"
// entries, over the synthetic lab of 5,000 containers plus a gateway of 250 routers and 250 DHCP
// namespaces, with the largest report the core sends: 18 checks × 200 findings (the core's cap
// per check), about plumbing ports, namespaces, floating addresses, containers and machines.
// Target: < 50 ms each on the 2-core CI machine (the view and the palette redo it per refresh).
import { performance } from 'node:perf_hooks';
import { bundleHarness, loadAverage, summarise } from './bench-harness.mjs';
import { syntheticInventory } from './synthetic-inventory.mjs';

const RUNS = 30;
const WARM_UP = 3;
const CHECKS = 18;
/** The core keeps this many findings per check (electron/health/run-health-checks.ts). */
const FINDINGS_PER_CHECK = 200;
const ROUTERS = 250;
const DHCP_NAMESPACES = 250;
const GATEWAY = { id: '900', hostname: 'node-gw-ob64' };

const probe = (machineId, probeId, value) => ({ machineId, probeId, command: probeId, startedAt: '2026-12-08T00:00:00.000Z', durationMs: 5, status: 'ok', value, format: 'json', problems: [], error: null });
const iface = (name, addresses) => ({ index: null, name, link: null, state: 'UP', mtu: 1500, mac: null, flags: ['UP'], master: null, kind: null, slaveKind: null, addresses: addresses.map((address) => ({ family: 'inet', address, prefixLength: 32, scope: 'global' })) });
const routerName = (index) => `qrouter-${String(index).padStart(8, '0')}-0000-4000-8000-000000000000`;
const dhcpName = (index) => `qdhcp-${String(index).padStart(8, '0')}-0000-4000-8000-000000000000`;
const floating = (index) => `198.51.100.${index % 250}`;

function withGateway(inventory) {
  const namespaces = [];
  const probes = [];
  for (let router = 0; router < ROUTERS; router += 1) {
    namespaces.push({ name: routerName(router), id: router, kind: 'qrouter', resourceId: null });
    probes.push(probe(GATEWAY.id, `netns-addr:${routerName(router)}`, { interfaces: [iface(`qr-${router}`, ['10.5.5.1']), iface(`qg-${router}`, [floating(router)])] }));
  }
  for (let network = 0; network < DHCP_NAMESPACES; network += 1) {
    namespaces.push({ name: dhcpName(network), id: ROUTERS + network, kind: 'qdhcp', resourceId: null });
    probes.push(probe(GATEWAY.id, `netns-addr:${dhcpName(network)}`, { interfaces: [iface(`tap${network}`, ['10.5.5.2'])] }));
  }
  const gateway = { ...inventory.machines[1], id: GATEWAY.id, hostname: GATEWAY.hostname, roles: ['gateway'], hypervisor: null };
  return { ...inventory, machines: [...inventory.machines, gateway], probes: [...inventory.probes, probe(GATEWAY.id, 'ip-netns', { namespaces }), ...probes] };
}

/** A finding of each kind in turn, spread over the lab; the last ones name nothing the lab has (the fallbacks). */
function report(inventory) {
  const plumbed = inventory.links.containers.filter((link) => link.nics.length > 0);
  const findings = [];
  for (let check = 0; check < CHECKS; check += 1) {
    for (let index = 0; index < FINDINGS_PER_CHECK; index += 1) {
      const n = check * FINDINGS_PER_CHECK + index;
      const link = plumbed[(n * 7) % plumbed.length];
      const objects = [
        { kind: 'ovs-port', name: link.nics[0].ovsPort, machineId: link.machineId },
        { kind: 'interface', name: link.nics[0].tap.replace('tap', 'qvb'), machineId: link.machineId },
        { kind: 'container', name: link.container, machineId: link.machineId },
        { kind: 'namespace', name: dhcpName(n % DHCP_NAMESPACES), machineId: GATEWAY.id },
        { kind: 'floating-ip', name: floating(n % ROUTERS), machineId: GATEWAY.id },
        { kind: 'interface', name: `qg-${n % ROUTERS}`, machineId: GATEWAY.id },
        { kind: 'ovs-port', name: `qvo${String(n).padStart(8, '0')}-ff`, machineId: link.machineId },
        { kind: 'machine', name: link.machineId, machineId: link.machineId },
      ];
      const object = objects[n % objects.length];
      findings.push({ checkId: `check-${check}`, severity: ['error', 'warning', 'info'][check % 3], object, message: `${object.name} is wrong in the way check ${check} looks for.`, evidence: [`${object.name}: seen`], command: `sudo ip netns exec ${routerName(n % ROUTERS)} iptables-save -t nat` });
    }
  }
  return { checkedAt: inventory.refreshedAt, findings, checks: [] };
}

export async function run() {
  const harness = await bundleHarness('health-view', [
    `export { describeObject, healthTarget, healthTerminal } from 'renderer/views/health/health-targets';`,
    `export { healthEntries } from 'renderer/palette/palette-health';`,
  ]);
  const lab = withGateway(syntheticInventory());
  const base = { ...lab, health: report(lab) };
  // A refresh hands the page a new inventory (new arrays): anything kept per inventory is built again.
  const fresh = () => ({ ...base, probes: [...base.probes], links: { ...base.links } });
  const time = (work) => {
    for (let index = 0; index < WARM_UP; index += 1) work(fresh());
    const samples = [];
    for (let index = 0; index < RUNS; index += 1) {
      const inventory = fresh();
      const start = performance.now();
      work(inventory);
      samples.push(performance.now() - start);
    }
    return summarise(samples);
  };
  const view = time((inventory) => {
    for (const finding of inventory.health.findings) {
      harness.describeObject(finding.object, inventory);
      harness.healthTarget(finding, inventory);
      harness.healthTerminal(finding, inventory);
    }
  });
  const palette = time((inventory) => harness.healthEntries(inventory));
  const row = (label, figures) => console.log(`${label.padEnd(58)} median ${figures.median.toFixed(1).padStart(6)} ms  min ${figures.min.toFixed(1).padStart(6)} ms  p99 ${figures.p99.toFixed(1).padStart(6)} ms  (target < 50 ms)`);
  console.log(`${base.health.findings.length} findings over ${base.links.containers.length} containers and ${ROUTERS + DHCP_NAMESPACES} namespaces; ${loadAverage()}`);
  row('Health view: each finding’s object, target and terminal', view);
  row('Palette: a "Health: …" entry per finding', palette);
}
