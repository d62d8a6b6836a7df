// The Network view's and the palette's share of a refresh with the namespace tables (issue 13 §2):
// the gateway's namespaces summed up with their routes, neighbours and NAT/filter rules read from
// the probes (no parsing in the page: the core parsed them) and each NAT pair joined to the
// container behind its fixed address, over the synthetic lab of 5,000 containers plus a gateway of
// 250 routers (4 floating addresses each, 40 rules) and 250 DHCP namespaces; then the palette's
// three table entries per namespace and per compute node. Rows are drawn only for an open table,
// so this is what every refresh costs the page whatever is open. Target: well under a frame of the
// refresh's work, < 50 ms each on the 2-core CI machine.
import { performance } from 'node:perf_hooks';
import { bundleHarness, summarise } from './bench-harness.mjs';
import { syntheticInventory } from './synthetic-inventory.mjs';

/** Many runs: on a loaded machine the minimum is the figure closest to the work's own cost. */
const RUNS = 30;
/** Runs first, unmeasured, so the JIT has compiled the code. */
const WARM_UP = 3;
const ROUTERS = 250;
const DHCP_NAMESPACES = 250;
const PAIRS_PER_ROUTER = 4;
const FILTER_RULES_PER_ROUTER = 40 - 3 * PAIRS_PER_ROUTER;
const GATEWAY = { id: '900', hostname: 'node-gw-ob64' };

const probe = (machineId, probeId, value) => ({ machineId, probeId, command: probeId, startedAt: '2026-12-08T00:00:00.000Z', durationMs: 5, status: 'ok', value, format: 'json', problems: [], error: null });

/** The synthetic lab with a gateway whose routers NAT floating addresses to the containers' own. */
function withGateway(inventory) {
  const fixedAddresses = inventory.probes.filter((outcome) => outcome.probeId === 'lxc-list').flatMap((outcome) => outcome.value.instances.flatMap((instance) => instance.ipv4.map((entry) => entry.address)));
  const namespaces = [];
  const probes = [];
  for (let router = 0; router < ROUTERS; router += 1) {
    const name = `qrouter-${String(router).padStart(8, '0')}-0000-4000-8000-000000000000`;
    namespaces.push({ name, id: router, kind: 'qrouter', resourceId: name.slice(8) });
    const pairs = Array.from({ length: PAIRS_PER_ROUTER }, (_, index) => ({ floating: `198.51.100.${(router * PAIRS_PER_ROUTER + index) % 250}`, fixed: fixedAddresses[(router * PAIRS_PER_ROUTER + index) % fixedAddresses.length], dnat: true, snat: true }));
    let line = 0;
    const rule = (chain, text, action, target) => ({ family: 'ip', table: 'neutron-l3-agent', chain, text, action, target, line: ++line });
    const rules = [
      ...pairs.map((pair) => rule('PREROUTING', `ip daddr ${pair.floating} dnat to ${pair.fixed}`, 'dnat', pair.fixed)),
      ...pairs.map((pair) => rule('OUTPUT', `ip daddr ${pair.floating} dnat to ${pair.fixed}`, 'dnat', pair.fixed)),
      ...pairs.map((pair) => rule('POSTROUTING', `ip saddr ${pair.fixed} snat to ${pair.floating}`, 'snat', pair.floating)),
      ...Array.from({ length: FILTER_RULES_PER_ROUTER }, (_, index) => rule('FORWARD', `tcp dport ${1000 + index} accept`, 'accept', null)),
    ];
    probes.push(
      probe(GATEWAY.id, `netns-addr:${name}`, { interfaces: [] }),
      probe(GATEWAY.id, `netns-route:${name}`, { routes: [{ destination: 'default', gateway: '198.51.100.1', device: 'qg-0', protocol: null, scope: null, metric: null, source: null, type: null }] }),
      probe(GATEWAY.id, `netns-neigh:${name}`, { entries: pairs.map((pair) => ({ address: pair.fixed, device: 'qr-0', mac: 'fa:16:3e:00:00:01', states: ['REACHABLE'], router: false })) }),
      probe(GATEWAY.id, `netns-firewall:${name}`, { source: 'nft', rules, natPairs: pairs }),
    );
  }
  for (let network = 0; network < DHCP_NAMESPACES; network += 1) {
    const name = `qdhcp-${String(network).padStart(8, '0')}-0000-4000-8000-000000000000`;
    namespaces.push({ name, id: ROUTERS + network, kind: 'qdhcp', resourceId: name.slice(6) });
    probes.push(probe(GATEWAY.id, `netns-addr:${name}`, { interfaces: [] }), probe(GATEWAY.id, `netns-route:${name}`, { routes: [] }), probe(GATEWAY.id, `netns-neigh:${name}`, { entries: [] }), probe(GATEWAY.id, `netns-firewall:${name}`, { source: null, rules: [], natPairs: [] }));
  }
  const gateway = { ...inventory.machines[1], id: GATEWAY.id, hostname: GATEWAY.hostname, roles: ['gateway'], hypervisor: null };
  return { ...inventory, machines: [...inventory.machines, gateway], probes: [...inventory.probes, probe(GATEWAY.id, 'ip-netns', { namespaces }), ...probes] };
}

export async function run() {
  const harness = await bundleHarness('network-tables', [
    `export { summarizeGateways } from 'renderer/views/network/gateway-namespaces';`,
    `export { netTableEntries } from 'renderer/palette/palette-net-tables';`,
  ]);
  const base = withGateway(syntheticInventory());
  // A refresh hands the page a new inventory (new arrays): its indexes are built again each time.
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
  const namespaces = ROUTERS + DHCP_NAMESPACES;
  const gateways = time((inventory) => harness.summarizeGateways(inventory));
  const palette = time((inventory) => harness.netTableEntries(inventory));
  const pairs = harness.summarizeGateways(fresh()).gateways[0].namespaces.reduce((sum, namespace) => sum + namespace.tables.natPairs.filter((pair) => pair.owner).length, 0);
  const row = (label, figures) => console.log(`${label.padEnd(58)} median ${figures.median.toFixed(1).padStart(6)} ms  min ${figures.min.toFixed(1).padStart(6)} ms  p99 ${figures.p99.toFixed(1).padStart(6)} ms  (target < 50 ms)`);
  console.log(`${base.probes.length} probe outcomes, ${namespaces} namespaces on one gateway, ${pairs} NAT pairs joined to their containers`);
  row(`Network view: ${namespaces} namespaces with their tables`, gateways);
  row('Palette: routes/ARP/NAT entries per namespace and node', palette);
}
