// The input side shared by `ip addr` and `ip link`: JSON when it starts with "[", else the text form.
import type { IpInterface } from '../../contract/lab-model';
import { interfaceFromJson, interfacesFromText } from './ip-links';
import { problem, UNREADABLE, type ParseProblem, appendProblems } from './parse-result';
import { asArray, asBoolean, asInteger, asNonEmptyText, asRecord, parseJsonText } from './structured-input';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

export interface InterfacesRead {
  interfaces: IpInterface[];
  format: string;
  problems: ParseProblem[];
  /** For bridges, with -d: the bridge id and whether STP is on (from `linkinfo.info_data`). */
  bridgeDetails: Map<string, { id: string | null; stp: boolean | null }>;
}

export function readInterfaces(text: string, command: string): InterfacesRead {
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const bridgeDetails = new Map<string, { id: string | null; stp: boolean | null }>();
  const first = firstContentLine(input.lines);
  if (first === null) return { interfaces: [], format: UNREADABLE, problems: [...problems, problem(null, `the ${command} output is empty`)], bridgeDetails };

  if (first.text.trimStart().startsWith('[')) {
    const parsed = parseJsonText(input, `${command} JSON`);
    appendProblems(problems, parsed.problems);
    if (parsed.value === undefined) return { interfaces: [], format: UNREADABLE, problems, bridgeDetails };
    const interfaces: IpInterface[] = [];
    asArray(parsed.value).forEach((entry, index) => {
      const iface = interfaceFromJson(entry);
      if (!iface) {
        problems.push(problem(null, `entry ${index + 1} has no "ifname"; skipped`));
        return;
      }
      const data = asRecord(asRecord(asRecord(entry)?.linkinfo)?.info_data);
      if (iface.kind === 'bridge' && data) {
        const stp = asInteger(data.stp_state);
        bridgeDetails.set(iface.name, { id: asNonEmptyText(data.bridge_id), stp: stp === null ? asBoolean(data.stp_state) : stp !== 0 });
      }
      interfaces.push(iface);
    });
    return { interfaces, format: 'json', problems, bridgeDetails };
  }

  const read = interfacesFromText(input.lines);
  appendProblems(problems, read.problems);
  if (read.interfaces.length === 0) {
    problems.push(problem(first.number, `not ${command} output: ${quoteLine(first.text)} (expected JSON from "ip -j" or lines like "2: eth0: <BROADCAST,…> mtu 1500 …")`));
    return { interfaces: [], format: UNREADABLE, problems, bridgeDetails };
  }
  return { interfaces: read.interfaces, format: 'text', problems, bridgeDetails };
}
