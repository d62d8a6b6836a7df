// Path analysis ("why can't X reach Y", issue 13 §1) across the UI/core boundary: a source (a
// container, a namespace, a machine: the ping sources), a target (an address, or a container),
// and the path a packet should take between them hop by hop, each hop with what the probes show
// of it and what is wrong there. A test run then reads each hop's counters before and after a
// bounded ping from the source, and traces the flow through br-int. Plain data only.
import * as v from 'valibot';
import { ContainerName, MachineId, PingSource } from './diagnostics';

/** IPv4 dotted quad, each part 0–255 (the lab's and Neutron's tenant networks are IPv4). */
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

export const PathTarget = v.variant('kind', [
  /** A fixed, floating, router or outside address. */
  v.object({
    kind: v.literal('address'),
    address: v.pipe(v.string(), v.trim(), v.regex(IPV4, 'a path target is an IPv4 address (198.51.100.12) or a container')),
  }),
  /** A container: its fixed address on its Neutron nic. */
  v.object({ kind: v.literal('container'), machineId: MachineId, container: ContainerName }),
]);
export type PathTarget = v.InferOutput<typeof PathTarget>;

export const PathRequest = v.object({ source: PingSource, target: PathTarget });
export type PathRequest = v.InferOutput<typeof PathRequest>;

/** Pings a test run sends: enough to see a counter move by that many, few enough to finish in seconds. */
export const DEFAULT_PATH_TEST_PINGS = 5;
export const MAX_PATH_TEST_PINGS = 20;

export const PathTestRequest = v.object({
  source: PingSource,
  target: PathTarget,
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PATH_TEST_PINGS, `at most ${MAX_PATH_TEST_PINGS} test pings`)), DEFAULT_PATH_TEST_PINGS),
});
export const PathRunRef = v.object({ runId: v.pipe(v.string(), v.regex(/^path-[0-9a-f]{12}$/, 'that is not a path test this console started')) });

export type PathHopKind =
  | 'machine' // a machine's own stack (its routes)
  | 'container' // the instance's eth0
  | 'tap' // host side of the container's veth
  | 'qbr' // Linux bridge (security groups)
  | 'qvb' // veth, bridge end
  | 'qvo' // veth, OVS end
  | 'br-int' // OVS integration bridge
  | 'qr' // a router port (in the qrouter namespace; its OVS port on br-int)
  | 'router' // the qrouter namespace: route, NAT, neighbours
  | 'qg' // the router's gateway port (floating addresses)
  | 'br-ex' // OVS external bridge
  | 'dhcp'; // a qdhcp namespace's tap

/** What each hop is, in words (the Network view's plumbing chain names its hops the same way). */
export const PATH_HOP_ROLES: Record<PathHopKind, string> = {
  machine: 'the machine’s own network stack',
  container: 'container nic',
  tap: 'host side of the container’s veth',
  qbr: 'Linux bridge (security groups)',
  qvb: 'veth, bridge end',
  qvo: 'veth, OVS end',
  'br-int': 'OVS integration bridge',
  qr: 'router port',
  router: 'router namespace',
  qg: 'router gateway port',
  'br-ex': 'OVS external bridge',
  dhcp: 'DHCP port',
};

export type PathFindingKind =
  | 'vlan-tag' // a port's tag differs from its network's DHCP/router ports
  | 'link-down'
  | 'mtu-lower' // an MTU lower than the hop before
  | 'no-nat' // a floating address without its DNAT rule
  | 'no-floating-address' // a NAT rule without the /32 on qg-
  | 'no-route'
  | 'no-neighbour'
  | 'missing' // a hop the plumbing needs that no probe shows
  | 'container-stopped'
  | 'no-address' // the instance has no fixed address
  | 'not-read'; // a probe the check needs did not run or failed

/** fault: packets stop here; warning: some packets or some cases fail; info: could not check. */
export type PathFindingSeverity = 'fault' | 'warning' | 'info';

/** What a hop should be versus what it is, with what shows it. */
export interface PathFinding {
  kind: PathFindingKind;
  severity: PathFindingSeverity;
  /** One sentence a field engineer can act on. */
  message: string;
  should: string | null;
  is: string | null;
  /** What the probes showed, quoted ("qvo1896322c-d4 tag: 4", "qr-cdbf7fe2-ce tag: 2"). */
  evidence: string[];
  /** The command that shows it, and where ("sudo ovs-vsctl show   (on node03ob64)"). */
  command: string | null;
}

/**
 * Where a hop's rx/tx counters are read: a kernel link (on the machine or in a namespace), or an OVS
 * interface; `passes` is the counter that counts a packet going the path's way through it (a tap
 * receives what its container sends; br-int's exit port transmits what the bridge forwards).
 */
export type HopCounterSource =
  | { kind: 'link'; machineId: string; device: string; namespace: string | null; passes: 'rx' | 'tx' }
  | { kind: 'ovs'; machineId: string; interface: string; passes: 'rx' | 'tx' };

export interface PathHopDetail {
  label: string;
  value: string;
}

export interface PathHop {
  /** Unique in its path ("out.qvo", "router", "in.tap"): what counters and findings refer to. */
  id: string;
  kind: PathHopKind;
  /** The interface, bridge or namespace ("qvo1896322c-d4", "qrouter-35fe…"); null when not seen. */
  name: string | null;
  /** What it is in words ("veth, OVS end"). */
  role: string;
  machineId: string | null;
  /** "node03ob64 (machine 22)". */
  machine: string | null;
  /** The namespace the interface is in; null on the host. */
  namespace: string | null;
  /** Operational state as `ip link` says it ("UP", "DOWN"); null when not shown. */
  state: string | null;
  mtu: number | null;
  addresses: string[];
  mac: string | null;
  /** br-int's VLAN tag of the port (qvo, qr, dhcp tap), or the network's on the bridge hop. */
  vlanTag: number | null;
  /** The OpenFlow port number (ovs-vsctl list Interface ofport). */
  ofport: number | null;
  /** The route taken, the NAT applied, the neighbour entry… */
  details: PathHopDetail[];
  /** Whether a probe showed this hop; when not, `how` says which probe would. */
  seen: boolean;
  how: string;
  counters: HopCounterSource | null;
  findings: PathFinding[];
}

export interface PathVerdict {
  /** ok: no fault found; blocked: a fault stops packets; incomplete: the path could not be followed to the target. */
  status: 'ok' | 'blocked' | 'incomplete';
  /** "Blocked at br-int: qvo1896322c-d4 has VLAN tag 4, the network's DHCP and router ports use tag 2." */
  text: string;
  /** The hop it names; null when it names none. */
  hopIndex: number | null;
}

/** The flow `ovs-appctl ofproto/trace` would follow on a bridge: where the packet enters br-int. */
export interface PathTraceFlow {
  machineId: string;
  bridge: string;
  /** The port it enters by ("qvo1896322c-d4") and its OpenFlow number when read. */
  inPort: string;
  ofport: number | null;
  /** "in_port=5,dl_src=…,dl_dst=…,ip,nw_src=…,nw_dst=…" */
  flow: string;
  /** The hop whose trace this is (br-int's id). */
  hopId: string;
}

export interface PathAnalysis {
  source: PingSource;
  target: PathTarget;
  sourceLabel: string;
  targetLabel: string;
  /** The address the path goes to (the container's fixed address for a container target); null when none is known. */
  targetAddress: string | null;
  verdict: PathVerdict;
  hops: PathHop[];
  /** What the analysis could not see or assumed ("crosses a tunnel between nodes: br-tun is not drawn"). */
  notes: string[];
  trace: PathTraceFlow | null;
  /** The inventory's refreshedAt it was worked out from. */
  inventoryAt: string | null;
}

// ---------------------------------------------------------------------------------------------
// A test run: counters before and after a bounded ping, and the trace through br-int

export interface HopCounters {
  rxPackets: number | null;
  txPackets: number | null;
  rxDropped: number | null;
  txDropped: number | null;
}

export interface HopCounterReading {
  hopId: string;
  before: HopCounters | null;
  after: HopCounters | null;
  /** Why it could not be read ("ip -s -j link in qrouter-…: sudo refused"). */
  error: string | null;
}

/** `ofproto/trace` summarised: where the packet goes, or why it is dropped; the raw output beside it. */
export interface OfprotoTraceSummary {
  command: string;
  outcome: 'output' | 'dropped' | 'unknown';
  /** "output to qr-cdbf7fe2-ce (port 5) on VLAN 1" / "dropped: no matching flow". */
  text: string;
  /** The ports the datapath actions output to, by name when dpif/show named them. */
  outputPorts: string[];
  raw: string;
  error: string | null;
}

export type PathTestStage = 'starting' | 'counters-before' | 'trace' | 'ping' | 'counters-after' | 'done' | 'failed';

export interface PathTestProgress {
  runId: string;
  stage: PathTestStage;
  /** The analysis the run follows (worked out when it started). */
  analysis: PathAnalysis;
  counters: HopCounterReading[];
  ping: { command: string; transmitted: number | null; received: number | null; error: string | null } | null;
  trace: OfprotoTraceSummary | null;
  /** "12 sent, 12 reached qvo1896322c-d4, 0 left br-int on tag 2"; null until the counters are read after. */
  stoppedAt: { hopIndex: number | null; text: string } | null;
  /** Why the run failed, in words; null otherwise. */
  error: string | null;
}

export interface PathTestStarted {
  runId: string;
  analysis: PathAnalysis;
}
