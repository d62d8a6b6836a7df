// The default `juju status` output (tabular), Juju 2.0 to 3.x. What changed across versions:
// - model line: 2.0 "Model Controller Cloud/Region Version", 2.x adds "SLA" and "Timestamp",
//   any version may add "Notes" ("upgrade available: …"); 2.0 betas printed the headings in capitals;
// - applications: 2.0 "App Version Status Scale Charm Store Rev OS Notes" (Notes says "exposed"),
//   2.9 adds "Channel" and "Message", 3.x drops Store/OS and adds "Exposed" (yes/no);
//   Kubernetes models add "Address";
// - units: leader marked "*", subordinates indented two spaces under their principal, no machine;
// - machines: 2.x "DNS … Series", 3.x "Address … Base"; containers ("22/lxd/0") follow their host;
// - relations (only with `--relations` since 2.3): 2.0 "Relation Provides Consumes Type" (one row per
//   endpoint name), 2.3+ "Relation provider Requirer Interface Type Message" with "app:endpoint"
//   cells, 3.x "Integration provider …";
// - extra sections: "SAAS" (consumed offers), "Offer", "Storage Unit", "Entity" (metering), "Branch";
// - Juju 1.25 `--format=tabular` and the 2.0 betas: a "[Services]"/"[Relations]"/"[Units]"/"[Machines]"
//   title above each section, capital headings joined by "-" ("WORKLOAD-STATUS", "INS-ID") and
//   separated by a single space, charm URLs ("cs:trusty/mariadb-2"), EXPOSED true/false, no model
//   line; a blank line may sit inside a titled section (read up to the next title).
// A status message holding a newline continues on lines that start with no unit/machine name: those
// are joined to the message of the row above with "\n".
import type { JujuMachine, JujuRelation, JujuStatus, JujuUnit, TableSection } from '../../contract/lab-model';
import { readAlignedRows, SINGLE_WORD_HEADINGS, type AlignedRow } from './aligned-table';
import { problem, type ParseProblem } from './parse-result';
import { charmNameFromUrl, charmRevisionFromUrl, charmStoreFromUrl, containerType, emptyApplication, emptyJujuStatus, linkSubordinates, machineParent, splitCloudRegion, unitApplication } from './juju-status-common';
import { quoteLine, type InputLine } from './text-input';

type SectionKind = 'model' | 'applications' | 'units' | 'machines' | 'relations-legacy' | 'relations' | 'saas' | 'other';

/** What the first heading of a section says it is (lower case, "-" read as a space). */
const SECTION_BY_HEADING: Record<string, SectionKind> = {
  model: 'model',
  app: 'applications',
  application: 'applications',
  unit: 'units',
  machine: 'machines',
  relation: 'relations-legacy',
  'relation provider': 'relations',
  'integration provider': 'relations',
  saas: 'saas',
  'saas name': 'saas',
};

/** The first cell of a real row; a line without it continues the message above. */
const ROW_START: Partial<Record<SectionKind, RegExp>> = {
  applications: /^[a-z][a-z0-9-]*(?:\s|$)/,
  units: /^\s*[a-z][a-z0-9-]*\/\d+\*?(?:\s|$)/,
  machines: /^\d+(?:\/[a-z]+\/\d+)*\*?(?:\s|$)/,
  'relations-legacy': /^[a-z][\w-]*\s+[a-z][a-z0-9-]*\s+[a-z][a-z0-9-]*(?:\s|$)/,
  relations: /^[\w.-]+:[\w-]+\s/,
};

interface Block {
  header: InputLine;
  rows: InputLine[];
  /** "[Units]" → "units": the title Juju 1.25/2.0-beta printed above the section. */
  title: string | null;
}

/** What a "[Title]" above a section says it is (Juju 1.25, 2.0 betas). */
const SECTION_BY_TITLE: Record<string, SectionKind> = {
  services: 'applications',
  applications: 'applications',
  units: 'units',
  machines: 'machines',
  relations: 'relations-legacy',
};

const SECTION_TITLE = /^\[([A-Za-z ]+)\]$/;

/**
 * The section a capitalised 1.25/2.0-beta heading row starts, without its title (a paste of one
 * section): "ID" heads both units and machines, the headings after it tell which.
 */
function betaSectionKind(text: string): SectionKind | null {
  const headings = text.trim().split(/\s+/);
  if (headings.length < 3 || headings.some((heading) => heading !== heading.toUpperCase())) return null;
  const [first] = headings;
  if (first === 'NAME' && headings.includes('CHARM')) return 'applications';
  if (first === 'SERVICE1' && headings.includes('SERVICE2')) return 'relations-legacy';
  if (first === 'ID' && headings.some((heading) => /^(?:WORKLOAD|AGENT)-STAT(?:E|US)$/.test(heading))) return 'units';
  if (first === 'ID' && headings.includes('INS-ID')) return 'machines';
  return null;
}

function normalizeHeading(name: string): string {
  return name.toLowerCase().replace(/-/g, ' ');
}

/** True when the line is the heading row of a section this reader knows ("Model  Controller …"). */
export function isJujuTabularHeading(text: string): boolean {
  const first = /^(\S+(?: \S+)?)(?:\s{2,}|$)/.exec(text.trim());
  if (!first) return false;
  const heading = normalizeHeading(first[1]!);
  const kind = SECTION_BY_HEADING[heading] ?? SECTION_BY_HEADING[heading.split(' ')[0]!];
  return (kind !== undefined && /\s{2,}\S/.test(text.trim())) || betaSectionKind(text) !== null;
}

function splitBlocks(lines: InputLine[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let title: string | null = null;
  for (const line of lines) {
    if (line.text.trim() === '') {
      // Under a title the section runs to the next title, blank lines and all.
      if (current?.title == null) current = null;
      continue;
    }
    // Juju 1.x/2.0-beta printed "[Services]"-style titles above a section's headings.
    const titled = SECTION_TITLE.exec(line.text.trim());
    if (titled) {
      title = titled[1]!.toLowerCase();
      current = null;
      continue;
    }
    if (current === null) {
      current = { header: line, rows: [], title };
      title = null;
      blocks.push(current);
    } else current.rows.push(line);
  }
  return blocks;
}

function sectionKind(block: Block): SectionKind | null {
  if (block.title !== null) return SECTION_BY_TITLE[block.title] ?? 'other';
  const beta = betaSectionKind(block.header.text);
  if (beta) return beta;
  const headings = block.header.text.trim().split(/\s{2,}/);
  const first = normalizeHeading(headings[0] ?? '');
  return SECTION_BY_HEADING[first] ?? null;
}

/** Joins continuation lines to the row above; returns the real rows. */
function foldContinuations(kind: SectionKind, rows: InputLine[]): { rows: InputLine[]; continuations: Map<InputLine, string[]> } {
  const start = ROW_START[kind];
  const continuations = new Map<InputLine, string[]>();
  if (!start) return { rows, continuations };
  const real: InputLine[] = [];
  for (const row of rows) {
    const previous = real[real.length - 1];
    if (start.test(row.text) || previous === undefined) real.push(row);
    else continuations.set(previous, [...(continuations.get(previous) ?? []), row.text.trim()]);
  }
  return { rows: real, continuations };
}

function cellReader(headings: string[], row: AlignedRow) {
  const index = new Map(headings.map((name, position) => [normalizeHeading(name), position]));
  return (...names: string[]): string | null => {
    for (const name of names) {
      const position = index.get(name);
      if (position === undefined) continue;
      const cell = row.cells[position];
      return cell === undefined || cell === '' ? null : cell;
    }
    return null;
  };
}

function integerOrNull(text: string | null): number | null {
  const match = text === null ? null : /^\d+/.exec(text);
  return match ? Number(match[0]) : null;
}

export function parseJujuStatusTabular(lines: InputLine[]): { value: JujuStatus; problems: ParseProblem[] } {
  const status = emptyJujuStatus();
  const problems: ParseProblem[] = [];
  let sawSection = false;

  for (const block of splitBlocks(lines)) {
    const kind = sectionKind(block);
    if (kind === null && !sawSection) {
      problems.push(problem(block.header.number, `not part of juju status: ${quoteLine(block.header.text)}`));
      continue;
    }
    sawSection = true;
    const { rows, continuations } = foldContinuations(kind ?? 'other', block.rows);
    // Capital, hyphen-joined headings are one word each, and may be a single space apart.
    const singleWords = block.title !== null || betaSectionKind(block.header.text) !== null;
    const table = readAlignedRows(block.header, rows, singleWords ? SINGLE_WORD_HEADINGS : undefined);
    const headings = table.headings.map((heading) => heading.name);
    const withMessage = (row: AlignedRow, message: string | null) => {
      const extra = continuations.get(row.line);
      return extra ? [message ?? '', ...extra].join('\n') : message;
    };

    switch (kind) {
      case 'model':
        readModel(headings, table.rows[0], status);
        break;
      case 'applications':
        for (const row of table.rows) readApplicationRow(headings, row, status, withMessage);
        break;
      case 'units':
        readUnitRows(headings, table.rows, status, withMessage);
        break;
      case 'machines':
        for (const row of table.rows) status.machines.push(readMachineRow(headings, row, withMessage));
        break;
      case 'relations-legacy':
      case 'relations':
        for (const row of table.rows) {
          const relation = readRelationRow(kind, headings, row);
          if (relation) status.relations.push(relation);
          else problems.push(problem(row.line.number, `a relation row without two applications: ${quoteLine(row.line.text)}`));
        }
        break;
      case 'saas':
        for (const row of table.rows) {
          const cell = cellReader(headings, row);
          status.saas.push({ name: cell('saas', 'saas name') ?? '', status: cell('status'), store: cell('store'), url: cell('url') });
        }
        break;
      default:
        status.otherSections.push(readOtherSection(block.header, headings, table.rows));
    }
  }
  linkSubordinates(status);
  return { value: status, problems };
}

function readModel(headings: string[], row: AlignedRow | undefined, status: JujuStatus): void {
  if (!row) return;
  const cell = cellReader(headings, row);
  const { cloud, region } = splitCloudRegion(cell('cloud/region', 'cloud'));
  status.model = {
    ...status.model,
    name: cell('model'),
    controller: cell('controller'),
    cloud,
    region: cell('region') ?? region,
    version: cell('version'),
    sla: cell('sla'),
    timestamp: cell('timestamp'),
    notes: cell('notes', 'message'),
  };
}

type MessageJoiner = (row: AlignedRow, message: string | null) => string | null;

function readApplicationRow(headings: string[], row: AlignedRow, status: JujuStatus, withMessage: MessageJoiner): void {
  const cell = cellReader(headings, row);
  const application = emptyApplication(cell('app', 'application', 'name') ?? row.line.text.trim());
  application.version = cell('version');
  application.status = cell('status');
  application.scale = integerOrNull(cell('scale'));
  const charm = cell('charm');
  // 1.25/2.0-beta: a charm URL, "cs:trusty/mariadb-2", where 2.0 has Charm, Store and Rev columns.
  const charmUrl = charm !== null && /^[a-z]+:/.test(charm) ? charm : null;
  application.charm = charmUrl ? charmNameFromUrl(charmUrl) : charm;
  application.charmRev = integerOrNull(cell('rev')) ?? (charmUrl ? charmRevisionFromUrl(charmUrl) : null);
  application.store = cell('store') ?? (charmUrl ? charmStoreFromUrl(charmUrl) : null);
  application.channel = cell('channel');
  application.message = withMessage(row, cell('message'));
  const exposed = cell('exposed');
  const notes = cell('notes');
  if (exposed !== null) application.exposed = exposed === 'yes' || exposed === 'true';
  else if (headings.some((name) => normalizeHeading(name) === 'notes')) application.exposed = notes !== null && /\bexposed\b/.test(notes);
  status.applications.push(application);
}

function readUnitRows(headings: string[], rows: AlignedRow[], status: JujuStatus, withMessage: MessageJoiner): void {
  // Each level of indentation is two spaces; the principal of an indented unit is the nearest
  // unit above it with less indentation.
  const stack: { indent: number; unit: JujuUnit }[] = [];
  for (const row of rows) {
    const cell = cellReader(headings, row);
    const label = (cell('unit', 'id') ?? '').split(/\s+/)[0] ?? '';
    const leader = label.endsWith('*');
    const name = leader ? label.slice(0, -1) : label;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= row.indent) stack.pop();
    const principal = row.indent > 0 ? (stack[stack.length - 1]?.unit.name ?? null) : null;
    const ports = cell('ports');
    const unit: JujuUnit = {
      name,
      application: unitApplication(name),
      machine: cell('machine'),
      address: cell('public address', 'address'),
      workloadStatus: cell('workload', 'workload status', 'workload state'),
      agentStatus: cell('agent', 'juju status', 'agent status', 'agent state'),
      message: withMessage(row, cell('message')),
      leader,
      principal,
      ports: readPorts(ports),
    };
    status.units.push(unit);
    stack.push({ indent: row.indent, unit });
  }
}

/**
 * "80/tcp,443/tcp" → both; Juju groups ports sharing a protocol, "3306,33060/tcp" meaning
 * 3306/tcp and 33060/tcp, so a port without one takes the protocol of the next that has it.
 */
function readPorts(text: string | null): string[] {
  if (text === null) return [];
  const tokens = text.split(',').map((port) => port.trim()).filter(Boolean);
  return tokens.map((token, index) => {
    if (token.includes('/')) return token;
    const protocol = tokens.slice(index + 1).find((later) => later.includes('/'))?.split('/')[1];
    return protocol ? `${token}/${protocol}` : token;
  });
}

function readMachineRow(headings: string[], row: AlignedRow, withMessage: MessageJoiner): JujuMachine {
  const cell = cellReader(headings, row);
  const id = (cell('machine', 'id') ?? '').replace(/\*$/, '');
  const seriesOrBase = cell('series');
  return {
    id,
    parent: machineParent(id),
    containerType: containerType(id),
    state: cell('state'),
    address: cell('dns', 'address', 'public address'),
    instanceId: cell('inst id', 'ins id', 'instance id'),
    series: seriesOrBase,
    base: cell('base'),
    availabilityZone: cell('az'),
    message: withMessage(row, cell('message')),
  };
}

function splitEndpoint(text: string | null): { application: string | null; endpoint: string | null } {
  if (text === null) return { application: null, endpoint: null };
  const colon = text.indexOf(':');
  return colon < 0 ? { application: text, endpoint: null } : { application: text.slice(0, colon), endpoint: text.slice(colon + 1) };
}

function readRelationRow(kind: SectionKind, headings: string[], row: AlignedRow): JujuRelation | null {
  const cell = cellReader(headings, row);
  if (kind === 'relations-legacy') {
    // 2.0: "Relation" is the endpoint name on the "Provides" application's side.
    // 1.25/2.0-beta: "SERVICE1 SERVICE2 RELATION TYPE".
    const application = cell('provides', 'service1');
    const relatedApplication = cell('consumes', 'service2');
    if (!application || !relatedApplication) return null;
    return { application, endpoint: cell('relation'), relatedApplication, relatedEndpoint: null, interface: null, type: cell('type'), message: null };
  }
  const provider = splitEndpoint(cell('relation provider', 'integration provider'));
  const requirer = splitEndpoint(cell('requirer'));
  if (!provider.application || !requirer.application) return null;
  return {
    application: provider.application,
    endpoint: provider.endpoint,
    relatedApplication: requirer.application,
    relatedEndpoint: requirer.endpoint,
    interface: cell('interface'),
    type: cell('type'),
    message: cell('message'),
  };
}

function readOtherSection(header: InputLine, headings: string[], rows: AlignedRow[]): TableSection {
  return {
    heading: headings[0] ?? header.text.trim(),
    line: header.number,
    rows: rows.map((row) => Object.fromEntries(headings.map((name, index) => [name, row.cells[index] ?? '']))),
  };
}
