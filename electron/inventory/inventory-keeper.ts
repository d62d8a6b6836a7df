// Keeps one lab's inventory: on each refresh, Juju says which machines exist, each machine gets
// its route (kept while it lives), every probe runs where it applies (bounded, in parallel), and
// every outcome is reported the moment it exists. One machine failing never blocks the others.
import { CONTROLLER_MACHINE_ID, type InventoryMachine, type LabInventory, type ProbeOutcome } from '../contract/inventory';
import type { JujuStatus, LxcList } from '../contract/lab-model';
import { ConsoleError } from '../contract/console-errors';
import type { SshConnection } from '../ssh/ssh-connection';
import { SshTransport } from '../transports/ssh-transport';
import { openMachineRoute, type MachineRoute, type RouteChoice, type RouteContext } from '../lab/machine-routes';
import { machinesFromJujuStatus } from './lab-machines';
import { CONTROLLER_PROBES, MACHINE_PROBES, namespaceProbes, profileProbe } from './probe-catalog';
import { runProbeJobs, type ProbeDefinition, type ProbeJob } from './probe-runner';

/** Routes are opened a few at a time: each may ask the engineer about a host key. */
const ROUTE_PARALLELISM = 4;

export interface InventoryKeeperOptions {
  labId: string;
  /** The live controller connection, or null while the link is down. */
  controller: () => SshConnection | null;
  routeContext: (controller: SshConnection) => RouteContext;
  routeChoice: (machineId: string) => RouteChoice;
  onInventory: (inventory: LabInventory) => void;
  onProbe: (outcome: ProbeOutcome) => void;
}

export class InventoryKeeper {
  private inventory: LabInventory;
  private readonly routes = new Map<string, MachineRoute>();
  private running: Promise<LabInventory> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private intervalMs = 0;
  private visible = true;
  private stopped = false;

  constructor(private readonly options: InventoryKeeperOptions) {
    this.inventory = { labId: options.labId, refreshing: false, refreshedAt: null, lastRefreshMs: null, machines: [], probes: [] };
  }

  get current(): LabInventory {
    return this.inventory;
  }

  /** One refresh at a time: a second caller shares the one in flight. */
  refresh(): Promise<LabInventory> {
    this.running ??= this.runRefresh().finally(() => {
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
      if (this.intervalMs > 0 && age >= this.intervalMs) void this.refresh();
      else this.schedule();
    }
  }

  /** The route to a machine changed by choice: forget the old one. */
  forgetRoute(machineId: string): void {
    this.routes.get(machineId)?.transport.close();
    this.routes.delete(machineId);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const route of this.routes.values()) route.transport.close();
    this.routes.clear();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || !this.visible || this.intervalMs <= 0 || this.running) return;
    this.timer = setTimeout(() => void this.refresh(), this.intervalMs);
  }

  private publish(changes: Partial<LabInventory>): void {
    this.inventory = { ...this.inventory, ...changes };
    this.options.onInventory(this.inventory);
  }

  private async runRefresh(): Promise<LabInventory> {
    const started = Date.now();
    const controller = this.options.controller();
    if (!controller) throw new ConsoleError('ssh-disconnected', 'the lab is not connected; connect first, then refresh');
    this.publish({ refreshing: true });
    try {
      return await this.probeEverything(controller, started);
    } catch (error) {
      this.publish({ refreshing: false });
      throw error;
    }
  }

  private async probeEverything(controller: SshConnection, started: number): Promise<LabInventory> {
    const outcomes = new Map<string, ProbeOutcome>();
    const record = (outcome: ProbeOutcome) => {
      outcomes.set(`${outcome.machineId}|${outcome.probeId}`, outcome);
      this.options.onProbe(outcome);
    };

    const controllerMachine: InventoryMachine = {
      id: CONTROLLER_MACHINE_ID,
      hostname: null,
      address: controller.target.host,
      roles: ['controller'],
      applications: [],
      jujuState: null,
      route: { kind: 'controller', label: controller.label, chosenBy: 'auto', note: null },
      routeError: null,
    };
    const controllerTransport = new SshTransport(controller, null, false);
    const controllerOutcomes = await runProbeJobs(CONTROLLER_PROBES.map((probe) => ({ machine: controllerMachine, transport: controllerTransport, probe })), record);
    const jujuOutcome = controllerOutcomes.find((outcome) => outcome.probeId === 'juju-status');
    const controllerName = controllerOutcomes.find((outcome) => outcome.probeId === 'hostname' && outcome.status === 'ok');
    controllerMachine.hostname = (controllerName?.value as { hostname: string | null } | undefined)?.hostname ?? null;
    const jujuStatus = jujuOutcome?.status !== 'failed' ? (jujuOutcome?.value as JujuStatus) : null;
    const machines = jujuStatus ? machinesFromJujuStatus(jujuStatus) : [];
    this.publish({ machines: [controllerMachine, ...machines] });

    const routed = await this.openRoutes(machines, controller);
    this.publish({ machines: [controllerMachine, ...machines] });

    const jobs: ProbeJob[] = [];
    for (const machine of machines) {
      const route = routed.get(machine.id);
      if (!route) continue;
      for (const probe of MACHINE_PROBES) if (probe.appliesTo(machine)) jobs.push({ machine, transport: route.transport, probe });
    }
    const firstPhase = await runProbeJobs(jobs, record);

    // What the first phase named (namespaces, profiles) gets probed in detail.
    const followUps: ProbeJob[] = [];
    for (const outcome of firstPhase) {
      const machine = machines.find((candidate) => candidate.id === outcome.machineId);
      const route = routed.get(outcome.machineId);
      if (!machine || !route || outcome.status === 'failed') continue;
      for (const probe of followUpProbes(outcome)) followUps.push({ machine, transport: route.transport, probe });
      if (outcome.probeId === 'hostname') machine.hostname = (outcome.value as { hostname: string | null }).hostname;
    }
    await runProbeJobs(followUps, record);

    this.publish({
      refreshing: false,
      refreshedAt: new Date().toISOString(),
      lastRefreshMs: Date.now() - started,
      machines: [controllerMachine, ...machines],
      probes: [...outcomes.values()],
    });
    return this.inventory;
  }

  private async openRoutes(machines: InventoryMachine[], controller: SshConnection): Promise<Map<string, MachineRoute>> {
    const routed = new Map<string, MachineRoute>();
    let next = 0;
    const worker = async () => {
      while (next < machines.length) {
        const machine = machines[next++]!;
        try {
          let route = this.routes.get(machine.id);
          if (!route || !route.transport.isOpen) {
            route = await openMachineRoute({ id: machine.id, address: machine.address }, this.options.routeChoice(machine.id), this.options.routeContext(controller));
            this.routes.set(machine.id, route);
          }
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

function followUpProbes(outcome: ProbeOutcome): ProbeDefinition[] {
  if (outcome.probeId === 'ip-netns') {
    const namespaces = (outcome.value as { namespaces: { name: string }[] }).namespaces;
    return namespaces.flatMap((namespace) => namespaceProbes(namespace.name));
  }
  if (outcome.probeId === 'lxc-list') {
    const profiles = new Set((outcome.value as LxcList).instances.flatMap((instance) => instance.profiles ?? []));
    return [...profiles].sort().map(profileProbe);
  }
  return [];
}
