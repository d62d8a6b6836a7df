// `ovs-appctl ofproto/trace BRIDGE FLOW` summarised: where br-int sends the path's packet, or that
// it drops it and the reason OVS gives, with the raw output kept for "show me". The datapath
// actions name datapath port numbers, which `ovs-appctl dpif/show` ("qvo… 5/9: (system)" =
// OpenFlow port 5, datapath port 9) turns back into port names.
import type { OfprotoTraceSummary, PathTraceFlow } from '../contract/troubleshoot';

export const traceArgv = (flow: PathTraceFlow): string[] => ['sudo', '-n', 'ovs-appctl', 'ofproto/trace', flow.bridge, flow.flow];
export const DPIF_SHOW_ARGV = ['sudo', '-n', 'ovs-appctl', 'dpif/show'];

/** "    qvo9e0c6af1-30 5/9: (system)" → datapath port 9 is qvo9e0c6af1-30. */
const DPIF_PORT = /^\s+(\S+)\s+(\d+|LOCAL)\/(\d+):/;

export function parseDpifShow(text: string): Map<number, string> {
  const ports = new Map<number, string>();
  for (const line of text.split('\n')) {
    const match = DPIF_PORT.exec(line);
    if (match) ports.set(Number(match[3]), match[1]!);
  }
  return ports;
}

/**
 * The reasons OVS prints under a bridge's trace: "-> no learned MAC for destination, flooding", and
 * for a drop ">>>> dropping VLAN 5 tagged packet received on port qvo… configured as VLAN 1 access
 * port <<<<" then ">> disallowed VLAN VID for this input port, dropping".
 */
const REASON = /^\s*(?:->|>{2,})\s*(.+?)\s*(?:<{2,})?\s*$/;
/** The ">>>> … <<<<" line names the port and the VLANs: the most telling reason for a drop. */
const HEADLINE_REASON = /^\s*>{4}\s*(.+?)\s*<{4}\s*$/;

/** `expectedPort`: the port the path leaves br-int by; output that misses it is said first. */
export function summariseTrace(raw: string, command: string, datapathPorts: Map<number, string>, expectedPort: string | null = null): OfprotoTraceSummary {
  const lines = raw.split('\n');
  const actionsLine = [...lines].reverse().find((line) => line.startsWith('Datapath actions:'));
  const reasons = lines.map((line) => REASON.exec(line)?.[1]?.trim()).filter((reason): reason is string => Boolean(reason));
  const base = { command, raw, error: null };
  if (!actionsLine) {
    const firstLine = lines.find((line) => line.trim() !== '')?.trim() ?? 'nothing';
    return { ...base, outcome: 'unknown', text: `ofproto/trace printed no datapath actions: ${firstLine}`, outputPorts: [] };
  }
  const actions = actionsLine.slice('Datapath actions:'.length).trim();
  if (actions === '' || actions === 'drop') {
    const headline = lines.map((line) => HEADLINE_REASON.exec(line)?.[1]).find((reason): reason is string => Boolean(reason));
    const reason = headline ?? reasons.at(-1) ?? (raw.includes('No match') ? 'no matching flow' : 'no flow outputs it');
    return { ...base, outcome: 'dropped', text: `dropped: ${reason}`, outputPorts: [] };
  }
  // Top-level actions only: "push_vlan(vid=1,pcp=0),5,pop_vlan,9" → ports 5 and 9.
  const tokens = actions.split(/,(?![^(]*\))/).map((token) => token.trim());
  let vlan: string | null = null;
  const outputs: string[] = [];
  for (const token of tokens) {
    const push = /^push_vlan\(vid=(\d+)/.exec(token);
    if (push) vlan = push[1]!;
    else if (token === 'pop_vlan') vlan = null;
    else if (/^\d+$/.test(token)) {
      const name = datapathPorts.get(Number(token));
      outputs.push(`${name ?? `datapath port ${token}`}${vlan ? ` on VLAN ${vlan}` : ''}`);
    }
  }
  if (outputs.length === 0) return { ...base, outcome: 'unknown', text: `datapath actions: ${actions}`, outputPorts: [] };
  const flooding = reasons.some((reason) => reason.includes('flooding'));
  const missed = expectedPort !== null && !outputs.some((port) => port === expectedPort || port.startsWith(`${expectedPort} `));
  const text = `output to ${outputs.join(', ')}${flooding ? ' (flooded: br-int has not learned the destination MAC yet)' : ''}`;
  return { ...base, outcome: 'output', text: missed ? `not delivered to ${expectedPort}: ${text}` : text, outputPorts: outputs };
}
