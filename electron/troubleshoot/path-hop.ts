// One hop of a path, made from what the probes show of it: the kernel link (state, MTU, MAC,
// addresses) on the machine or in a namespace, and the OVS port of the same name (tag, ofport).
// A link that is down is a fault here; what a hop should be compared with its neighbours (tags,
// MTUs) is judged by path-findings.ts once the whole chain is known.
import type { IpInterface } from '../contract/lab-model';
import { PATH_HOP_ROLES, type HopCounterSource, type PathFinding, type PathHop, type PathHopDetail, type PathHopKind } from '../contract/troubleshoot';
import type { LabView, OvsPortView } from './lab-view';

/** Link states that carry no packets (UNKNOWN is what tun/tap and some veths report while working). */
const DOWN_STATES = new Set(['DOWN', 'LOWERLAYERDOWN', 'NOTPRESENT']);

/** "sudo -n ovs-vsctl show   (on node03ob64 (machine 22))": a command and where it runs. */
export const commandOn = (command: string, machine: string): string => `${command}   (on ${machine})`;

/** The command prefix that reaches a namespace as root. */
export const inNamespace = (namespace: string | null, command: string): string => (namespace ? `sudo -n ip netns exec ${namespace} ${command}` : command);

export interface HopInput {
  id: string;
  kind: PathHopKind;
  name: string | null;
  machineId: string | null;
  namespace?: string | null;
  /** The kernel link, when a probe showed it. */
  iface?: IpInterface | null;
  ovs?: OvsPortView | null;
  seen: boolean;
  how: string;
  details?: PathHopDetail[];
  counters?: HopCounterSource | null;
  findings?: PathFinding[];
  /** Overrides the tag shown (the network's tag on a bridge hop). */
  vlanTag?: number | null;
}

export function makeHop(view: LabView, input: HopInput): PathHop {
  const iface = input.iface ?? null;
  const ofport = input.ovs?.record?.columns.ofport;
  const hop: PathHop = {
    id: input.id,
    kind: input.kind,
    name: input.name,
    role: PATH_HOP_ROLES[input.kind],
    machineId: input.machineId,
    machine: input.machineId ? view.machineLabel(input.machineId) : null,
    namespace: input.namespace ?? null,
    state: iface?.state ?? null,
    mtu: iface?.mtu ?? null,
    addresses: (iface?.addresses ?? []).filter((entry) => entry.family === 'inet').map((entry) => `${entry.address}/${entry.prefixLength ?? 32}`),
    mac: iface?.mac ?? null,
    vlanTag: input.vlanTag !== undefined ? input.vlanTag : (input.ovs?.port.tag ?? null),
    ofport: typeof ofport === 'number' && Number.isInteger(ofport) && ofport >= 0 ? ofport : null,
    details: input.details ?? [],
    seen: input.seen,
    how: input.how,
    counters: input.counters ?? null,
    findings: [...(input.findings ?? [])],
  };
  if (iface && hop.name && hop.machine && DOWN_STATES.has(iface.state ?? '')) {
    hop.findings.push({
      kind: 'link-down',
      severity: 'fault',
      message: `${hop.name} is ${iface.state}: it carries no packets. Bring it up (ip link set ${hop.name} up) and find what took it down.`,
      should: 'UP',
      is: iface.state,
      evidence: [`${hop.name}: state ${iface.state}${iface.mtu ? `, mtu ${iface.mtu}` : ''}`],
      command: commandOn(inNamespace(hop.namespace, `ip link show ${hop.name}`), hop.machine),
    });
  }
  return hop;
}

/** A hop the plumbing needs and no probe shows: packets have nowhere to go. */
export function missingHopFinding(what: string, how: string): PathFinding {
  return { kind: 'missing', severity: 'fault', message: `${what} is missing: ${how}`, should: 'present', is: 'not seen', evidence: [], command: null };
}

/** A check that could not be made: the probe it needs was not read. */
export function notReadFinding(what: string, reason: string, command: string | null): PathFinding {
  return { kind: 'not-read', severity: 'info', message: `Could not check ${what}: ${reason}`, should: null, is: null, evidence: [], command };
}

/** A link's counters: on the machine, or in the namespace it lives in. */
export const linkCounters = (machineId: string | null, device: string | null, passes: 'rx' | 'tx', namespace: string | null = null): HopCounterSource | null =>
  machineId && device ? { kind: 'link', machineId, device, namespace, passes } : null;

/** Leaving the source ("out.…") a host-side link receives what the instance sends; reaching the target ("in.…") it transmits. */
export const towardsHost = (idPrefix: string): 'rx' | 'tx' => (idPrefix === 'in' ? 'tx' : 'rx');
