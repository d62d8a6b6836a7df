// Pieces of `juju status` shared by the JSON/YAML and tabular readers.
import type { JujuApplication, JujuModelInfo, JujuStatus, JujuUnit } from '../../contract/lab-model';

export function emptyJujuModelInfo(): JujuModelInfo {
  return { name: null, controller: null, cloud: null, region: null, version: null, type: null, sla: null, timestamp: null, notes: null };
}

export function emptyJujuStatus(): JujuStatus {
  return { model: emptyJujuModelInfo(), applications: [], units: [], machines: [], relations: [], saas: [], otherSections: [] };
}

/** One collator for every comparison: `localeCompare` with options builds a new one per call. */
const NATURAL_ORDER = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Juju's own order: "nova-compute/2" before "nova-compute/10", "2/lxd/10" after "2/lxd/9". */
export function naturalCompare(left: string, right: string): number {
  return NATURAL_ORDER.compare(left, right);
}

/** "22" for "22/lxd/0", "0/lxd/1" for "0/lxd/1/kvm/0", null for a host machine. */
export function machineParent(id: string): string | null {
  const parts = id.split('/');
  return parts.length >= 3 ? parts.slice(0, -2).join('/') : null;
}

/** "lxd" for "22/lxd/0", null for a host machine. */
export function containerType(id: string): string | null {
  const parts = id.split('/');
  return parts.length >= 3 ? (parts[parts.length - 2] ?? null) : null;
}

/** The application of a unit name ("nova-compute" for "nova-compute/0"). */
export function unitApplication(unit: string): string {
  const slash = unit.lastIndexOf('/');
  return slash > 0 ? unit.slice(0, slash) : unit;
}

/**
 * The charm's name from a charm URL: "cs:xenial/glance-253", "cs:~openstack-charmers/glance-12",
 * "ch:amd64/focal/glance-520", "local:jammy/webapp-0" → "glance", "webapp".
 */
export function charmNameFromUrl(url: string): string {
  const withoutSchema = url.includes(':') ? url.slice(url.indexOf(':') + 1) : url;
  const last = withoutSchema.split('/').pop() ?? withoutSchema;
  return last.replace(/-\d+$/, '');
}

/** Where a charm URL's charm comes from: "cs:…" the charm store, "local:…" a local directory. */
export function charmStoreFromUrl(url: string): string | null {
  return url.startsWith('cs:') ? 'charmstore' : url.startsWith('local:') ? 'local' : null;
}

export function charmRevisionFromUrl(url: string): number | null {
  const match = /-(\d+)$/.exec(url);
  return match ? Number(match[1]) : null;
}

/** "maas" → cloud maas; "localhost/localhost" → cloud and region. */
export function splitCloudRegion(text: string | null): { cloud: string | null; region: string | null } {
  if (!text) return { cloud: null, region: null };
  const slash = text.indexOf('/');
  return slash < 0 ? { cloud: text, region: null } : { cloud: text.slice(0, slash) || null, region: text.slice(slash + 1) || null };
}

/**
 * Fills what the output leaves implicit and the UI needs: a subordinate runs on its principal's
 * machine, and an application's `subordinateTo` lists the principals its units hang under.
 */
export function linkSubordinates(status: JujuStatus): void {
  const byName = new Map<string, JujuUnit>(status.units.map((unit) => [unit.name, unit]));
  const principalsOf = new Map<string, Set<string>>();
  for (const unit of status.units) {
    if (unit.principal === null) continue;
    const principal = byName.get(unit.principal);
    if (principal && unit.machine === null) unit.machine = principal.machine;
    const set = principalsOf.get(unit.application) ?? new Set<string>();
    set.add(unitApplication(unit.principal));
    principalsOf.set(unit.application, set);
  }
  for (const application of status.applications) {
    const principals = principalsOf.get(application.name);
    if (!principals) continue;
    application.subordinateTo = [...new Set([...application.subordinateTo, ...principals])].sort(naturalCompare);
  }
}

export function emptyApplication(name: string): JujuApplication {
  return {
    name,
    charm: null,
    charmRev: null,
    version: null,
    status: null,
    message: null,
    scale: null,
    exposed: null,
    subordinateTo: [],
    channel: null,
    store: null,
    series: null,
    base: null,
  };
}
