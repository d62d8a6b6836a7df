// One lab as everything that runs on it reaches it: the controller (through the lab's link), a
// route to each machine (chosen automatically or by the engineer's override, opened once and kept
// while it lives) and the transports along them. The inventory's probes, terminals and pings all
// go through a session. A live lab's routes open over SSH or `juju ssh`; a snapshot's answer from
// its file, and a session that is not live refuses, with its reason, whatever would run anew.
import { ConsoleError } from '../contract/console-errors';
import { CONTROLLER_MACHINE_ID, type InventoryMachine } from '../contract/inventory';
import { TerminalSlotsTaken } from '../ssh/ssh-connection';
import type { PtyChannel, PtySize } from '../terminals/pty-channel';
import type { CommandOptions, CommandResult, CommandTransport } from '../transports/command-transport';
import type { LabController } from './lab-controller';
import { openMachineRoute, type MachineRoute, type MachineToReach, type RouteChoice, type RouteContext } from './machine-routes';

/** How one machine's route opens: over SSH or juju ssh for a live lab, from the file for a snapshot. */
export type RouteOpener = (machine: MachineToReach, choice: RouteChoice, controller: LabController) => Promise<MachineRoute>;

export interface LabSessionOptions {
  labId: string;
  /** The live controller, or null while the link is down. */
  controller: () => LabController | null;
  /** The route the engineer chose for a machine ("auto" unless overridden). */
  routeChoice: (machineId: string) => RouteChoice;
  openRoute: RouteOpener;
  /** For a lab that runs nothing new (a snapshot): why `action` cannot happen ("pinging", "refreshing"). */
  readOnly?: (action: string) => ConsoleError;
}

/** How a live lab's machines are reached: through its link's controller, with the engineer's credentials and choices. */
export interface LiveRouting {
  /** The live controller, or null while the link is down. */
  controller: () => LabController | null;
  routeContext: (controller: LabController) => RouteContext;
  routeChoice: (machineId: string) => RouteChoice;
  /** How a machine's route opens: a jump or `juju ssh` by default; a capture wraps it to keep what every command printed. */
  openRoute?: RouteOpener;
}

/** A session on a live lab: each machine's route a jump through the controller or `juju ssh`. */
export function liveLabSession(labId: string, routing: LiveRouting): LabSession {
  const { controller, routeContext, routeChoice } = routing;
  return new LabSession({ labId, controller, routeChoice, openRoute: routing.openRoute ?? ((machine, choice, live) => openMachineRoute(machine, choice, routeContext(live))) });
}

export class LabSession {
  readonly labId: string;
  private readonly routes = new Map<string, MachineRoute>();
  /** More connections to a machine, opened along its route when its own has all the terminals it takes. */
  private readonly terminalRoutes = new Map<string, MachineRoute[]>();
  /** The machines as the inventory last read them (Juju's list, with host names). */
  private machines: readonly InventoryMachine[] = [];
  private closed = false;

  constructor(private readonly options: LabSessionOptions) {
    this.labId = options.labId;
  }

  /** Whether commands reach a lab now; a snapshot's session is not live. */
  get live(): boolean {
    return this.options.readOnly === undefined;
  }

  /** Throws why `action` cannot happen when the session is not live ("a snapshot is read-only: pinging needs …"). */
  requireLive(action: string): void {
    if (this.options.readOnly) throw this.options.readOnly(action);
  }

  controller(): LabController | null {
    return this.options.controller();
  }

  /** The inventory says which machines exist and what they are called. */
  knowMachines(machines: readonly InventoryMachine[]): void {
    this.machines = machines;
  }

  /** The machine's host name as last read, else its Juju id. */
  nameOf(machineId: string): string {
    const machine = this.machines.find((candidate) => candidate.id === machineId);
    return machine?.hostname ?? (machineId === CONTROLLER_MACHINE_ID ? 'the controller' : `machine ${machineId}`);
  }

  /** The machine's route if it is open now (nothing is opened). */
  openedRoute(machineId: string): MachineRoute | null {
    const route = this.routes.get(machineId);
    return route?.transport.isOpen ? route : null;
  }

  /** The machine's route: the one open, else one opened now as its choice says, and kept. */
  async routeTo(machine: MachineToReach, controller: LabController): Promise<MachineRoute> {
    const existing = this.openedRoute(machine.id);
    if (existing) return existing;
    const route = await this.openRoute(machine, controller);
    this.routes.set(machine.id, route);
    return route;
  }

  /** How commands reach one machine now (the controller's own, or its route, opened if need be). */
  async transportFor(machineId: string): Promise<CommandTransport> {
    const controller = this.options.controller();
    if (!controller) throw new ConsoleError('ssh-disconnected', 'the lab is not connected; connect first');
    if (machineId === CONTROLLER_MACHINE_ID) return controller.transport;
    const existing = this.openedRoute(machineId);
    if (existing) return existing.transport;
    const machine = this.machines.find((candidate) => candidate.id === machineId);
    if (!machine) throw new ConsoleError('not-found', `Juju reports no machine ${machineId} in this lab (refresh, or check juju status)`);
    return (await this.routeTo(machine, controller)).transport;
  }

  /** Runs an argv on one machine, over its route. */
  async run(machineId: string, argv: readonly string[], options?: CommandOptions): Promise<CommandResult> {
    return (await this.transportFor(machineId)).run(argv, options);
  }

  /**
   * Where a new terminal on a machine opens: its route's connection, or once that has all the
   * terminals it takes (a few of its session slots stay free for reading the machine), another
   * connection along the same route. The controller's connection belongs to the lab link, and
   * `juju ssh` runs on it: those say why a terminal cannot open instead.
   */
  async terminalTransportFor(machineId: string): Promise<CommandTransport> {
    const main = await this.transportFor(machineId);
    if (main.roomForTerminal || main.kind !== 'ssh' || machineId === CONTROLLER_MACHINE_ID) return main;
    const extras = (this.terminalRoutes.get(machineId) ?? []).filter((route) => route.transport.isOpen);
    this.terminalRoutes.set(machineId, extras);
    const withRoom = extras.find((route) => route.transport.roomForTerminal);
    if (withRoom) return withRoom.transport;
    const controller = this.options.controller();
    const machine = this.machines.find((candidate) => candidate.id === machineId);
    if (!controller || !machine) return main;
    const route = await this.openRoute(machine, controller);
    extras.push(route);
    return route.transport;
  }

  /** An interactive program (a login shell when argv is null) under a pty on one machine. */
  async openShell(machineId: string, argv: readonly string[] | null, size: PtySize): Promise<PtyChannel> {
    const opening = (await this.terminalTransportFor(machineId)).openPty(argv, size);
    return opening.catch(async (error: unknown) => {
      // Another terminal took the connection's last slot meanwhile: once more, where there is room.
      if (!(error instanceof TerminalSlotsTaken) || this.closed) throw error;
      return (await this.terminalTransportFor(machineId)).openPty(argv, size);
    });
  }

  /** The route to a machine changed by choice: forget the old one. */
  forgetRoute(machineId: string): void {
    this.routes.get(machineId)?.transport.close();
    this.routes.delete(machineId);
    for (const route of this.terminalRoutes.get(machineId) ?? []) route.transport.close();
    this.terminalRoutes.delete(machineId);
  }

  close(): void {
    this.closed = true;
    for (const route of this.routes.values()) route.transport.close();
    this.routes.clear();
    for (const route of [...this.terminalRoutes.values()].flat()) route.transport.close();
    this.terminalRoutes.clear();
  }

  private openRoute(machine: MachineToReach, controller: LabController): Promise<MachineRoute> {
    const reach = { id: machine.id, address: machine.address };
    return this.options.openRoute(reach, this.options.routeChoice(machine.id), controller);
  }
}
