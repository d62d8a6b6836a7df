// `brctl show` (bridge-utils): one line per bridge — name, id, STP, first interface — and one
// further line, indented with tabs, per further interface. Nova's hybrid VIF plugging makes one
// "qbr<port>" bridge per instance port holding "tap<port>" and "qvb<port>".
import type { LinuxBridge, LinuxBridges } from '../../contract/lab-model';
import { problem, UNREADABLE, type ParseProblem, type ParseResult } from './parse-result';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

export function parseBrctlShow(text: string): ParseResult<LinuxBridges> {
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const bridges: LinuxBridge[] = [];
  const first = firstContentLine(input.lines);
  if (first === null) return { value: { bridges }, format: UNREADABLE, problems: [...problems, problem(null, 'the brctl show output is empty')] };
  if (!/^bridge name\s+bridge id\s+STP enabled\s+interfaces/i.test(first.text.trim())) {
    problems.push(problem(first.number, `not brctl show output: ${quoteLine(first.text)} (expected the heading "bridge name  bridge id  STP enabled  interfaces")`));
    return { value: { bridges }, format: UNREADABLE, problems };
  }
  let current: LinuxBridge | null = null;
  for (const line of input.lines) {
    if (line === first || line.text.trim() === '') continue;
    const fields = line.text.trim().split(/\s+/);
    if (/^\s/.test(line.text)) {
      if (current && fields.length === 1) current.members.push(fields[0]!);
      else problems.push(problem(line.number, `an interface line outside a bridge: ${quoteLine(line.text)}`));
      continue;
    }
    const [name, id, stp, member] = fields;
    if (!name || !id || !/^[0-9a-f]{4}\.[0-9a-f]{12}$/i.test(id) || (stp !== 'yes' && stp !== 'no')) {
      problems.push(problem(line.number, `not a bridge line: ${quoteLine(line.text)}`));
      current = null;
      continue;
    }
    current = { name, kind: 'bridge', id, stpEnabled: stp === 'yes', members: member ? [member] : [] };
    bridges.push(current);
  }
  return { value: { bridges }, format: 'brctl', problems };
}
