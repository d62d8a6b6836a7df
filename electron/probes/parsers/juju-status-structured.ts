// `juju status --format=json` / `--format=yaml` (the same document) from Juju 2.0 to 3.x, turned
// into the lab model. Differences handled here:
// - 2.x names the OS `series: xenial`, 3.x `base: {name: ubuntu, channel: "22.04"}`;
// - 2.x lists an application's relations as `endpoint: [related apps]`, 3.x as
//   `endpoint: [{related-application, interface, scope}]`;
// - 2.x gives `charm: cs:xenial/glance-253` (charm-name/charm-rev only from 2.8), 3.x `charm: glance`
//   with `charm-rev`;
// - machine units have `public-address`, Kubernetes units `address`; only Kubernetes apps have `scale`;
// - Juju 1.x said `services:` for applications and `agent-state: started` for the agent status; it is
//   read the same way, as old MAAS labs still answer with it.
import type { JujuApplication, JujuMachine, JujuRelation, JujuSaas, JujuStatus, JujuUnit } from '../../contract/lab-model';
import { problem, type ParseProblem } from './parse-result';
import { asArray, asBoolean, asInteger, asNonEmptyText, asRecord, asText } from './structured-input';
import {
  charmNameFromUrl,
  charmRevisionFromUrl,
  charmStoreFromUrl,
  containerType,
  emptyApplication,
  emptyJujuStatus,
  linkSubordinates,
  machineParent,
  naturalCompare,
} from './juju-status-common';

export function normalizeJujuStatusDocument(document: unknown): { value: JujuStatus; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const status = emptyJujuStatus();
  const root = asRecord(document);
  if (!root) {
    problems.push(problem(1, 'this is not a juju status document (expected an object with "model", "machines", "applications")'));
    return { value: status, problems };
  }
  if (!('model' in root) && !('applications' in root) && !('machines' in root) && !('services' in root)) {
    problems.push(problem(1, 'this document has none of "model", "machines", "applications": not `juju status` output'));
    return { value: status, problems };
  }

  const model = asRecord(root.model);
  status.model = {
    name: asNonEmptyText(model?.name) ?? asNonEmptyText(root.environment),
    controller: asNonEmptyText(model?.controller),
    cloud: asNonEmptyText(model?.cloud),
    region: asNonEmptyText(model?.region),
    version: asNonEmptyText(model?.version),
    type: asNonEmptyText(model?.type),
    sla: asNonEmptyText(model?.sla),
    timestamp: asNonEmptyText(asRecord(root.controller)?.timestamp),
    notes: asNonEmptyText(asRecord(model?.['model-status'])?.message) ?? (asNonEmptyText(model?.['upgrade-available']) ? `upgrade available: ${asText(model?.['upgrade-available'])}` : null),
  };

  for (const [id, machine] of entriesSorted(root.machines)) readMachine(id, machine, status.machines);

  const applications = asRecord(root.applications) ?? asRecord(root.services) ?? {};
  for (const [name, raw] of entriesSorted(applications)) {
    const app = asRecord(raw);
    if (!app) {
      problems.push(problem(null, `application "${name}" is not an object; skipped`));
      continue;
    }
    status.applications.push(readApplication(name, app));
    for (const [unitName, unit] of entriesSorted(app.units)) readUnit(unitName, unit, null, status.units);
  }
  // A subordinate's units appear under its principals' units; order them like `juju status` does:
  // each principal followed by its subordinates.
  status.units = orderUnits(status.units);
  // Only Kubernetes applications carry `scale`; elsewhere it is the number of units, as the
  // tabular Scale column counts it (a subordinate's units are found under its principals).
  for (const application of status.applications) {
    if (application.scale === null) application.scale = status.units.filter((unit) => unit.application === application.name).length;
  }
  linkSubordinates(status);
  status.relations = readRelations(applications, status.applications);

  for (const [name, raw] of entriesSorted(root['application-endpoints'] ?? root['remote-applications'])) {
    const remote = asRecord(raw);
    const saas: JujuSaas = {
      name,
      status: asNonEmptyText(asRecord(remote?.['application-status'])?.current),
      store: null,
      url: asNonEmptyText(remote?.url) ?? asNonEmptyText(remote?.['offer-url']),
    };
    status.saas.push(saas);
  }
  return { value: status, problems };
}

function entriesSorted(value: unknown): [string, unknown][] {
  const record = asRecord(value);
  return record ? Object.entries(record).sort(([left], [right]) => naturalCompare(left, right)) : [];
}

function baseText(value: unknown): string | null {
  const base = asRecord(value);
  if (base) {
    const name = asNonEmptyText(base.name);
    const channel = asNonEmptyText(base.channel);
    return name && channel ? `${name}@${channel.replace(/\/stable$/, '')}` : (name ?? channel);
  }
  return asNonEmptyText(value);
}

function readMachine(id: string, raw: unknown, machines: JujuMachine[]): void {
  const machine = asRecord(raw) ?? {};
  const agent = asRecord(machine['juju-status']);
  const instance = asRecord(machine['machine-status']);
  const hardware = asText(machine.hardware) ?? '';
  machines.push({
    id,
    parent: machineParent(id),
    containerType: containerType(id),
    state: asNonEmptyText(agent?.current) ?? asNonEmptyText(machine['agent-state']),
    address: asNonEmptyText(machine['dns-name']) ?? asNonEmptyText(asArray(machine['ip-addresses'])[0]),
    instanceId: asNonEmptyText(machine['instance-id']),
    series: asNonEmptyText(machine.series),
    base: baseText(machine.base),
    availabilityZone: /(?:^|\s)availability-zone=(\S+)/.exec(hardware)?.[1] ?? null,
    message: asNonEmptyText(instance?.message) ?? asNonEmptyText(agent?.message),
  });
  for (const [childId, child] of entriesSorted(machine.containers)) readMachine(childId, child, machines);
}

function readApplication(name: string, app: Record<string, unknown>): JujuApplication {
  const application = emptyApplication(name);
  const charmUrl = asNonEmptyText(app.charm);
  application.charm = asNonEmptyText(app['charm-name']) ?? (charmUrl ? charmNameFromUrl(charmUrl) : null);
  application.charmRev = asInteger(app['charm-rev']) ?? (charmUrl ? charmRevisionFromUrl(charmUrl) : null);
  application.version = asNonEmptyText(app.version);
  const appStatus = asRecord(app['application-status']);
  application.status = asNonEmptyText(appStatus?.current);
  application.message = asNonEmptyText(appStatus?.message);
  application.scale = asInteger(app.scale);
  application.exposed = asBoolean(app.exposed);
  application.subordinateTo = asArray(app['subordinate-to'])
    .map(asNonEmptyText)
    .filter((text): text is string => text !== null);
  application.channel = asNonEmptyText(app['charm-channel']);
  application.store = asNonEmptyText(app['charm-origin']) ?? (charmUrl ? charmStoreFromUrl(charmUrl) : null);
  application.series = asNonEmptyText(app.series);
  application.base = baseText(app.base);
  return application;
}

function readUnit(name: string, raw: unknown, principal: JujuUnit | null, units: JujuUnit[]): void {
  const unit = asRecord(raw) ?? {};
  const workload = asRecord(unit['workload-status']);
  const agent = asRecord(unit['juju-status']);
  const read: JujuUnit = {
    name,
    application: name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : name,
    machine: asNonEmptyText(unit.machine),
    address: asNonEmptyText(unit['public-address']) ?? asNonEmptyText(unit.address),
    workloadStatus: asNonEmptyText(workload?.current),
    agentStatus: asNonEmptyText(agent?.current) ?? asNonEmptyText(unit['agent-state']),
    message: asNonEmptyText(workload?.message),
    leader: asBoolean(unit.leader) ?? false,
    principal: principal?.name ?? null,
    ports: asArray(unit['open-ports'])
      .map(asNonEmptyText)
      .filter((port): port is string => port !== null),
  };
  units.push(read);
  for (const [subordinateName, subordinate] of entriesSorted(unit.subordinates)) readUnit(subordinateName, subordinate, read, units);
}

function orderUnits(units: JujuUnit[]): JujuUnit[] {
  const byName = (left: JujuUnit, right: JujuUnit) => naturalCompare(left.name, right.name);
  const principals = units.filter((unit) => unit.principal === null).sort(byName);
  const children = new Map<string, JujuUnit[]>();
  for (const unit of units) {
    if (unit.principal === null) continue;
    const list = children.get(unit.principal);
    if (list) list.push(unit);
    else children.set(unit.principal, [unit]);
  }
  const ordered: JujuUnit[] = [];
  const seen = new Set<JujuUnit>();
  const visit = (unit: JujuUnit) => {
    if (seen.has(unit)) return;
    seen.add(unit);
    ordered.push(unit);
    (children.get(unit.name) ?? []).sort(byName).forEach(visit);
  };
  principals.forEach(visit);
  return ordered;
}

interface RelationEnd {
  application: string;
  endpoint: string;
  related: string;
  interface: string | null;
  scope: string | null;
}

/**
 * Juju lists each relation from both of its ends (glance's `identity-service: [keystone]` and
 * keystone's `identity-service: [glance]`). The two ends are paired into one relation — by interface
 * where 3.x gives it, else in endpoint order — so each relation appears once, as in the tabular view.
 * The side listed as `application` is the alphabetically first: JSON does not say which provides.
 */
function readRelations(applications: Record<string, unknown>, apps: JujuApplication[]): JujuRelation[] {
  const principalsOf = new Map(apps.map((app) => [app.name, new Set(app.subordinateTo)]));
  const attached = (subordinate: string, principal: string) => principalsOf.get(subordinate)?.has(principal) === true;
  const ends: RelationEnd[] = [];
  for (const [application, raw] of entriesSorted(applications)) {
    for (const [endpoint, relatedList] of entriesSorted(asRecord(raw)?.relations)) {
      for (const related of asArray(relatedList)) {
        const detail = asRecord(related);
        const relatedName = detail ? asNonEmptyText(detail['related-application']) : asNonEmptyText(related);
        if (!relatedName) continue;
        ends.push({ application, endpoint, related: relatedName, interface: asNonEmptyText(detail?.interface), scope: asNonEmptyText(detail?.scope) });
      }
    }
  }
  const used = new Set<RelationEnd>();
  const relations: JujuRelation[] = [];
  // The ends seen from each application towards each other one, to find partners without a scan.
  const towards = new Map<string, RelationEnd[]>();
  for (const end of ends) {
    const key = `${end.application}\u0000${end.related}`;
    const list = towards.get(key);
    if (list) list.push(end);
    else towards.set(key, [end]);
  }
  for (const end of ends) {
    if (used.has(end)) continue;
    used.add(end);
    if (end.application === end.related) {
      relations.push(relation(end, end.endpoint, 'peer'));
      continue;
    }
    const candidates = (towards.get(`${end.related}\u0000${end.application}`) ?? []).filter((other) => !used.has(other));
    const partner = candidates.find((other) => end.interface !== null && other.interface === end.interface) ?? candidates[0] ?? null;
    if (partner) used.add(partner);
    // Container scope (3.x says so) or, for 2.x, a subordinate related to one of its principals.
    const isSubordinate = end.scope === 'container' || partner?.scope === 'container' || attached(end.application, end.related) || attached(end.related, end.application);
    relations.push(relation(end, partner?.endpoint ?? null, isSubordinate ? 'subordinate' : 'regular', partner?.interface ?? null));
  }
  return relations;
}

function relation(end: RelationEnd, relatedEndpoint: string | null, type: string, otherInterface: string | null = null): JujuRelation {
  return {
    application: end.application,
    endpoint: end.endpoint,
    relatedApplication: end.related,
    relatedEndpoint,
    interface: end.interface ?? otherInterface,
    type,
    message: null,
  };
}
