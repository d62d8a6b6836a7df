// Keeps one lab's inventory: on each refresh, Juju says which machines exist, each machine gets
// its route from the lab's session (kept while it lives), every probe runs where it applies
// (bounded, in parallel), and every outcome is reported the moment it exists. One machine failing
// never blocks the others.
import { CONTROLLER_MACHINE_ID, type InventoryMachine, type LabInventory, type ProbeOutcome } from '../contract/inventory';
import { OPENSTACK_LIST_PROBE_KINDS, probeValue } from '../contract/probe-models';
import { ConsoleError } from '../contract/console-errors';
import type { LabController } from '../lab/lab-controller';
import type { MachineRoute } from '../lab/machine-routes';
import { liveLabSession, type LabSession, type LiveRouting } from '../lab/lab-session';
import { machinesFromJujuStatus } from './lab-machines';
import { linkInventory } from './inventory-links';
import { runHealthChecks } from '../health/run-health-checks';
import { readMachineHypervisor } from './node-hypervisor';
import { CONTROLLER_PROBES, MACHINE_PROBES, namespaceProbes, openstackProbes } from './probe-catalog';
import { chooseOpenStackCredentials } from '../openstack/credential-choice';
import type { OpenStackCredentialSetting } from '../contract/payloads';
import { ProbeQueue } from './probe-runner';
import type { AnyProbeDefinition } from '../probes/probe-definition';

/** Routes are opened a few at a time: each may ask the engineer about a host key. */
const ROUTE_PARALLELISM = 4;
/**
 * OpenStack's lists cost a dozen `openstack` runs on the controller (Python starting, Keystone, the
 * APIs: seconds each on a real cloud, and 2.5-7 s of the test lab's 6.7 s refresh): the periodic
 * refresh (every 10 s by default) reads them at most once a minute; Refresh, connecting and the
 * demo steps read them every time.
 */
const OPENSTACK_PERIODIC_MS = 60_000;
const OPENSTACK_LIST_PROBES: ReadonlySet<string> = new Set(OPENSTACK_LIST_PROBE_KINDS);
const isOpenStackListProbe = (probeId: string) => OPENSTACK_LIST_PROBES.has(probeId);

/** A keeper reads through the lab's session, or (the command line, a capture, tests) a live one of its own. */
export type InventoryKeeperOptions = {
  labId: string;
  onInventory: (inventory: LabInventory) => void;
  onProbe: (outcome: ProbeOutcome) => void;
  /** The OpenStack credentials named in the lab's settings, read at each refresh (absent: found on the controller). */
  openstackCredentials?: () => OpenStackCredentialSetting | null | undefined;
} & ({ session: LabSession } | LiveRouting);

/** The session a keeper reads through: the one given, or a live one of its own. */
function sessionOf(options: InventoryKeeperOptions): LabSession {
  return 'session' in options ? options.session : liveLabSession(options.labId, options);
}

export class InventoryKeeper {
  /** How the lab is reached: the keeper's probes, and terminals and pings beside them. */
  readonly session: LabSession;
  private inventory: LabInventory;
  private running: Promise<LabInventory> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private intervalMs = 0;
  private visible = true;
  private stopped = false;
  /** When this keeper last read OpenStack's lists (0: never). */
  private openstackReadAt = 0;

  constructor(private readonly options: InventoryKeeperOptions) {
    this.session = sessionOf(options);
    this.inventory = { labId: options.labId, refreshing: false, refreshedAt: null, lastRefreshMs: null, machines: [], probes: [], links: { containers: [] } };
  }

  get current(): LabInventory {
    return this.inventory;
  }

  /**
   * One refresh at a time: a second caller shares the one in flight. `periodic` (the timer's own):
   * OpenStack's lists are read again only when OPENSTACK_PERIODIC_MS passed since they were.
   */
  refresh(periodic = false): Promise<LabInventory> {
    this.running ??= this.runRefresh(periodic).finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  /** Refreshes every `seconds` while the lab is shown; 0 stops. */
  autoRefresh(seconds: number): void {
    this.intervalMs = seconds * 1000;
    this.schedule();
  }

  /** A hidden window pauses the periodic refresh; showing it again refreshes if stale. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (visible) {
      const age = this.inventory.refreshedAt ? Date.now() - Date.parse(this.inventory.refreshedAt) : Infinity;
      if (this.intervalMs > 0 && age >= this.intervalMs) this.refreshInBackground();
      else this.schedule();
    }
  }

  /** Stops refreshing and closes the session's routes (the lab is let go). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.session.close();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || !this.visible || this.intervalMs <= 0 || this.running) return;
    this.timer = setTimeout(() => this.refreshInBackground(), this.intervalMs);
  }

  /**
   * A periodic refresh has no caller to tell: a lab that dropped meanwhile is reported by the
   * link's own state, so its failure is dropped here rather than left as an unhandled rejection.
   */
  private refreshInBackground(): void {
    this.refresh(true).catch(() => {});
  }

  private publish(changes: Partial<LabInventory>): void {
    this.inventory = { ...this.inventory, ...changes };
    if (changes.machines) this.session.knowMachines(changes.machines);
    this.options.onInventory(this.inventory);
  }

  private async runRefresh(periodic: boolean): Promise<LabInventory> {
    const started = Date.now();
    const controller = this.session.controller();
    if (!controller) throw new ConsoleError('ssh-disconnected', 'the lab is not connected; connect first, then refresh');
    this.publish({ refreshing: true });
    try {
      return await this.probeEverything(controller, started, periodic);
    } catch (error) {
      this.publish({ refreshing: false });
      throw error;
    }
  }

  private async probeEverything(controller: LabController, started: number, periodic: boolean): Promise<LabInventory> {
    const outcomes = new Map<string, ProbeOutcome>();
    const openstackSetting = this.options.openstackCredentials?.() ?? null;
    // A periodic refresh keeps OpenStack's last reading while it is recent (each outcome keeps its own time).
    const keepOpenStack = periodic && Date.now() - this.openstackReadAt < OPENSTACK_PERIODIC_MS;
    const controllerMachine: InventoryMachine = {
      id: CONTROLLER_MACHINE_ID,
      hostname: null,
      address: controller.address,
      roles: ['controller'],
      applications: [],
      jujuState: null,
      route: { kind: 'controller', label: controller.transport.label, chosenBy: 'auto', note: null },
      routeError: null,
      hypervisor: null,
    };
    // Every probe's outcome is kept and streamed; an outcome that names more (namespaces,
    // profiles, the machines in juju status) queues the probes that follow from it at once.
    let machines: InventoryMachine[] = [];
    let jujuAnswered: () => void = () => {};
    const jujuStatusDone = new Promise<void>((resolve) => (jujuAnswered = resolve));
    const queue = new ProbeQueue((outcome, job) => {
      outcomes.set(`${outcome.machineId}|${outcome.probeId}`, outcome);
      this.options.onProbe(outcome);
      const hostname = outcome.status === 'ok' ? probeValue(outcome, 'hostname') : null;
      if (hostname) job.machine.hostname = hostname.hostname;
      if (outcome.probeId === 'juju-status') {
        const status = probeValue(outcome, 'juju-status');
        // Until this refresh reads them again, each machine keeps the name and hypervisor last read:
        // a terminal opened meanwhile is titled by its host name, and the cards do not flicker.
        const known = new Map(this.inventory.machines.map((machine) => [machine.id, machine]));
        machines = status ? machinesFromJujuStatus(status).map((machine) => ({ ...machine, hostname: known.get(machine.id)?.hostname ?? null, hypervisor: known.get(machine.id)?.hypervisor ?? null })) : [];
        jujuAnswered();
        return;
      }
      if (outcome.status === 'failed') return;
      const followUps = followUpProbes(outcome, openstackSetting);
      if (outcome.probeId === 'openstack-credentials' && followUps.length > 0) {
        if (keepOpenStack) {
          for (const kept of this.inventory.probes) if (kept.machineId === CONTROLLER_MACHINE_ID && isOpenStackListProbe(kept.probeId)) outcomes.set(`${kept.machineId}|${kept.probeId}`, kept);
          return;
        }
        this.openstackReadAt = Date.now();
      }
      for (const probe of followUps) queue.add({ ...job, probe });
    });
    for (const probe of CONTROLLER_PROBES) queue.add({ machine: controllerMachine, transport: controller.transport, probe });

    // While Juju answers, machines already known (with a live route) are probed as they were.
    const probed = new Set<string>();
    for (const known of this.inventory.machines) {
      const route = this.session.openedRoute(known.id);
      if (known.id === CONTROLLER_MACHINE_ID || !route) continue;
      probed.add(known.id);
      const machine = { ...known, routeError: null };
      for (const probe of MACHINE_PROBES) if (probe.appliesTo(machine)) queue.add({ machine, transport: route.transport, probe });
    }

    await jujuStatusDone;
    // Juju is the truth about which machines exist: a machine probed from memory but gone from
    // juju status is dropped below; a new one gets its route and probes now.
    this.publish({ machines: [controllerMachine, ...machines] });
    const fresh = machines.filter((machine) => !probed.has(machine.id));
    const routed = await this.openRoutes(machines, controller);
    for (const machine of fresh) {
      const route = routed.get(machine.id);
      if (!route) continue;
      for (const probe of MACHINE_PROBES) if (probe.appliesTo(machine)) queue.add({ machine, transport: route.transport, probe });
    }
    this.publish({ machines: [controllerMachine, ...machines] });
    await queue.drained();

    const present = new Set([CONTROLLER_MACHINE_ID, ...machines.map((machine) => machine.id)]);
    for (const machine of machines) {
      machine.hostname = probeValue(outcomes.get(`${machine.id}|hostname`), 'hostname')?.hostname ?? machine.hostname;
    }
    const probes = [...outcomes.values()].filter((outcome) => present.has(outcome.machineId));
    for (const machine of machines) machine.hypervisor = readMachineHypervisor(machine, probes);
    const read = { refreshedAt: new Date().toISOString(), machines: [controllerMachine, ...machines], probes, links: linkInventory(probes, openstackSetting) };
    this.publish({
      ...read,
      refreshing: false,
      lastRefreshMs: Date.now() - started,
      // The checks run over what this refresh read (health/): pure and fast (< 100 ms at 5,000 containers).
      health: runHealthChecks({ ...this.inventory, ...read }),
    });
    return this.inventory;
  }

  private async openRoutes(machines: InventoryMachine[], controller: LabController): Promise<Map<string, MachineRoute>> {
    const routed = new Map<string, MachineRoute>();
    let next = 0;
    const worker = async () => {
      while (next < machines.length) {
        const machine = machines[next++]!;
        try {
          const route = await this.session.routeTo(machine, controller);
          routed.set(machine.id, route);
          machine.route = { kind: route.kind, label: route.transport.label, chosenBy: route.chosenBy, note: route.note };
        } catch (error) {
          const failure = error instanceof ConsoleError ? error : new ConsoleError('internal', String(error));
          machine.routeError = failure.toValue();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(ROUTE_PARALLELISM, machines.length) }, worker));
    return routed;
  }
}

/** What an outcome names that is probed next: each namespace `ip netns` lists; OpenStack once its credentials are chosen. */
function followUpProbes(outcome: ProbeOutcome, openstackSetting: OpenStackCredentialSetting | null): AnyProbeDefinition[] {
  const listed = probeValue(outcome, 'ip-netns');
  if (listed) return listed.namespaces.flatMap((namespace) => namespaceProbes(namespace.name));
  const candidates = probeValue(outcome, 'openstack-credentials');
  const source = candidates ? chooseOpenStackCredentials(candidates, openstackSetting).source : null;
  return source ? openstackProbes(source) : [];
}
