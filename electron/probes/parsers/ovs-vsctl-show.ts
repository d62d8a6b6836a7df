// `ovs-vsctl show`: the switch's uuid, then an indented tree — Manager, Bridge (Controller,
// fail_mode, datapath_type, Port (tag, Interface (type, options, error))), ovs_version. Open vSwitch
// before 2.10 or so quoted port and interface names ("qvo9e0c6af1-30"); later versions quote only
// names that need it. External ids are not shown here: see ovs-list.ts and attachExternalIds.
import type { OvsBridge, OvsInterface, OvsPort, OvsShow } from '../../contract/lab-model';
import { createRecord, problem, UNREADABLE, type ParseProblem, type ParseResult } from './parse-result';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What people put in a copy to say they cut lines ("...", "[…]"). */
const ELISION = /^(?:\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\])$/;

export function emptyOvsShow(): OvsShow {
  return { uuid: null, managers: [], bridges: [], ovsVersion: null };
}

/** `"qvo9e0c6af1-30"` → qvo9e0c6af1-30 (OVSDB strings use C escapes). */
export function unquoteOvs(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  return trimmed;
}

/** `{peer=patch-int, remote_ip="10.0.0.2"}` → record. */
export function parseOvsMap(text: string): Record<string, string> {
  const record = createRecord<string>();
  const body = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  for (const match of body.matchAll(/([^=,\s]+)=("(?:[^"\\]|\\.)*"|[^,]*)/g)) record[unquoteOvs(match[1]!)] = unquoteOvs(match[2]!);
  return record;
}

export function parseOvsVsctlShow(text: string): ParseResult<OvsShow> {
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const show = emptyOvsShow();
  const first = firstContentLine(input.lines);
  if (first === null) return { value: show, format: UNREADABLE, problems: [...problems, problem(null, 'the ovs-vsctl show output is empty')] };
  if (/^ovs-vsctl:/.test(first.text.trim())) {
    problems.push(problem(first.number, `ovs-vsctl reported an error: ${quoteLine(first.text, 200)}`));
    return { value: show, format: UNREADABLE, problems };
  }

  let bridge: OvsBridge | null = null;
  let port: OvsPort | null = null;
  let iface: OvsInterface | null = null;
  let recognised = 0;
  for (const line of input.lines) {
    const trimmed = line.text.trim();
    if (trimmed === '') continue;
    if (ELISION.test(trimmed)) {
      problems.push(problem(line.number, 'lines were cut here when this output was copied'));
      continue;
    }
    if (UUID.test(trimmed) && show.uuid === null) {
      show.uuid = trimmed;
      recognised += 1;
      continue;
    }
    const keyword = /^(Bridge|Port|Interface|Controller|Manager)\s+(.+)$/.exec(trimmed);
    if (keyword) {
      recognised += 1;
      const name = unquoteOvs(keyword[2]!);
      switch (keyword[1]) {
        case 'Bridge':
          bridge = { name, controllers: [], failMode: null, datapathType: null, ports: [] };
          show.bridges.push(bridge);
          port = null;
          iface = null;
          break;
        case 'Port':
          port = { name, tag: null, type: null, interfaces: [], externalIds: null };
          if (bridge) bridge.ports.push(port);
          else problems.push(problem(line.number, `port ${name} outside any bridge`));
          iface = null;
          break;
        case 'Interface':
          iface = { name, type: null, options: createRecord(), error: null };
          if (port) port.interfaces.push(iface);
          else problems.push(problem(line.number, `interface ${name} outside any port`));
          break;
        case 'Controller':
          if (bridge) bridge.controllers.push(name);
          break;
        case 'Manager':
          show.managers.push(name);
          break;
      }
      continue;
    }
    const property = /^([a-z_]+):\s*(.*)$/.exec(trimmed);
    if (!property) {
      problems.push(problem(line.number, `not ovs-vsctl show output: ${quoteLine(trimmed)}`));
      continue;
    }
    recognised += 1;
    const [, key, value] = property as unknown as [string, string, string];
    // Properties belong to the innermost open entry that has them.
    if (key === 'ovs_version') show.ovsVersion = unquoteOvs(value);
    else if (key === 'tag' && port) port.tag = /^\d+$/.test(value) ? Number(value) : null;
    else if (key === 'type' && iface) iface.type = unquoteOvs(value);
    else if (key === 'options' && iface) iface.options = parseOvsMap(value);
    else if (key === 'error' && iface) iface.error = unquoteOvs(value);
    else if (key === 'fail_mode' && bridge) bridge.failMode = value;
    else if (key === 'datapath_type' && bridge) bridge.datapathType = value;
    // is_connected, trunks, bond_mode, lacp…: shown by OVS, not needed by the console.
  }
  for (const candidate of show.bridges) {
    for (const entry of candidate.ports) entry.type = entry.interfaces.find((child) => child.name === entry.name)?.type ?? entry.interfaces[0]?.type ?? null;
  }
  if (recognised === 0) {
    problems.push(problem(first.number, `not ovs-vsctl show output: ${quoteLine(first.text)} (expected the switch uuid, then "Bridge …" lines)`));
    return { value: show, format: UNREADABLE, problems };
  }
  return { value: show, format: 'show', problems };
}
