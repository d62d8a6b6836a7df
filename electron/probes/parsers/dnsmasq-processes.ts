// `pgrep -a dnsmasq` (or the dnsmasq lines of `ps -ef` / `ps aux`): Neutron's DHCP agent runs one
// dnsmasq per network in its qdhcp namespace, with that network's files under a directory named
// after it: --pid-file=/var/lib/neutron/dhcp/<network id>/pid, --dhcp-hostsfile=…/<network id>/host.
import type { DnsmasqProcess, DnsmasqProcesses } from '../../contract/lab-model';
import { problem, UNREADABLE, type ParseProblem, type ParseResult } from './parse-result';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

/** The options whose paths carry the network's directory (Neutron writes all of them there). */
const NETWORK_PATH_OPTIONS = ['--pid-file', '--dhcp-hostsfile', '--dhcp-optsfile', '--dhcp-leasefile', '--addn-hosts', '--dhcp-hostsdir'];
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const PID = /^\d{1,10}$/;
/** Where the command starts in each layout: pgrep -a "PID CMD…", ps -ef "UID PID PPID C STIME TTY TIME CMD…", ps aux "USER PID %CPU %MEM VSZ RSS TTY STAT START TIME CMD…". */
const PGREP_COMMAND_FIELD = 1;
const PS_EF_COMMAND_FIELD = 7;
const PS_AUX_COMMAND_FIELD = 10;

export function parseDnsmasqProcesses(text: string): ParseResult<DnsmasqProcesses> {
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  // pgrep prints nothing (and exits 1) when no dnsmasq runs: a real answer.
  if (firstContentLine(input.lines) === null) return { value: { processes: [] }, format: 'pgrep', problems };

  const processes: DnsmasqProcess[] = [];
  let format: string | null = null;
  for (const line of input.lines) {
    const trimmed = line.text.trim();
    if (trimmed === '') continue;
    const fields = fieldsOf(trimmed, PS_AUX_COMMAND_FIELD + 1);
    const layout = layoutOf(fields.map((field) => field.text));
    if (layout === null) {
      // ps's own header ("UID PID PPID …") is no process.
      if (!/^(?:UID|USER)\s+PID\b/.test(trimmed)) problems.push(problem(line.number, `not a process line: ${quoteLine(trimmed)} (expected "PID dnsmasq …" as pgrep -a prints it)`));
      continue;
    }
    format ??= layout.format;
    const command = fields[layout.commandField];
    // "grep dnsmasq" and other processes whose arguments name dnsmasq are not dnsmasq.
    if (!command || command.text.split('/').pop() !== 'dnsmasq') continue;
    const commandLine = trimmed.slice(command.start);
    const options = optionsOf(commandLine);
    processes.push({ pid: Number(fields[layout.pidField]!.text), commandLine, networkId: networkIdOf(options), interface: options.get('--interface') || null });
  }
  if (format === null && problems.length > 0) return { value: { processes: [] }, format: UNREADABLE, problems };
  return { value: { processes }, format: format ?? 'pgrep', problems };
}

interface Field {
  text: string;
  start: number;
}

/** The first `count` whitespace-separated fields of a line with where each starts (the command line is kept as printed). */
function fieldsOf(line: string, count: number): Field[] {
  const fields: Field[] = [];
  const pattern = /\S+/g;
  for (let match = pattern.exec(line); match !== null && fields.length < count; match = pattern.exec(line)) fields.push({ text: match[0], start: match.index });
  return fields;
}

function layoutOf(fields: string[]): { format: string; pidField: number; commandField: number } | null {
  if (PID.test(fields[0] ?? '')) return { format: 'pgrep', pidField: 0, commandField: PGREP_COMMAND_FIELD };
  if (!PID.test(fields[1] ?? '')) return null;
  if (PID.test(fields[2] ?? '')) return { format: 'ps -ef', pidField: 1, commandField: PS_EF_COMMAND_FIELD };
  if (/^\d+(?:\.\d+)?$/.test(fields[2] ?? '')) return { format: 'ps aux', pidField: 1, commandField: PS_AUX_COMMAND_FIELD };
  return null;
}

/** "--name=value" options of a command line; flags without a value are left out. */
function optionsOf(commandLine: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const word of commandLine.split(/\s+/)) {
    const equals = word.indexOf('=');
    if (word.startsWith('--') && equals > 2 && !options.has(word.slice(0, equals))) options.set(word.slice(0, equals), word.slice(equals + 1));
  }
  return options;
}

/** The network id: the directory, named by a UUID, that holds the process's pid, hosts or opts file. */
function networkIdOf(options: Map<string, string>): string | null {
  for (const option of NETWORK_PATH_OPTIONS) {
    const path = options.get(option);
    const id = path?.split('/').find((segment) => UUID.test(segment));
    if (id) return id.toLowerCase();
  }
  return null;
}
