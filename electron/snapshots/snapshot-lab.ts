// A recorded lab as a LabSession: a controller and a route to each machine whose transports answer
// from the snapshot's commands. The inventory shown is the one the capture stored (what the
// capturing console's keeper read from these same commands, `recordedInventory`); the commands
// answer whatever runs a command later, and a machine's are indexed only when something asks for
// its route. The ordinary InventoryKeeper reads them through the same parsers when the inventory
// must be rebuilt (`readSnapshotInventory`, `snapshot diff`, a file that stores no inventory).
import { ConsoleError } from '../contract/console-errors';
import { CONTROLLER_MACHINE_ID, type LabInventory, type ProbeOutcome } from '../contract/inventory';
import type { SnapshotContent } from '../contract/snapshot';
import type { LabController } from '../lab/lab-controller';
import { LabSession } from '../lab/lab-session';
import type { MachineRoute, MachineToReach } from '../lab/machine-routes';
import { SnapshotTransport, describeSnapshot } from '../transports/snapshot-transport';

/** The part of an InventoryKeeper's options that makes it read a snapshot instead of a lab. */
export interface SnapshotKeeperOptions {
  labId: string;
  session: LabSession;
}

export interface SnapshotLab {
  readonly content: SnapshotContent;
  /** "snapshot of OrangeBox64 taken 2026-12-07 10:00 UTC" */
  readonly description: string;
  readonly controller: LabController;
  /** Each machine's route as recorded; a machine whose route failed at capture fails the same way. */
  openRoute(machine: MachineToReach): Promise<MachineRoute>;
  /** A session on the recorded lab: it answers from the file and refuses what would run anew. */
  session(labId: string): LabSession;
  keeperOptions(labId: string): SnapshotKeeperOptions;
  /** Why `action` cannot happen here: "a snapshot is read-only: refreshing needs a live lab …". */
  refusal(action: string): ConsoleError;
  /** A probe read from the snapshot carries the time its command ran at capture, not now. */
  stampProbe(outcome: ProbeOutcome): ProbeOutcome;
  /** The inventory says when the lab was read: when the snapshot was taken. */
  stampInventory(inventory: LabInventory): LabInventory;
  /** Whether the file stores the inventory read from its commands (else it must be rebuilt from them). */
  readonly storesInventory: boolean;
  /** The stored inventory as this opening shows it: its id, when the snapshot was taken; its commands are not read. */
  recordedInventory(labId: string): LabInventory;
}

export function snapshotLab(content: SnapshotContent): SnapshotLab {
  const description = describeSnapshot(content.meta);
  const recordedMachines = new Map(content.inventory.machines.map((machine) => [machine.id, machine]));
  const nameOf = (machineId: string) => {
    if (machineId === CONTROLLER_MACHINE_ID) return 'the controller';
    const hostname = recordedMachines.get(machineId)?.hostname;
    return hostname ? `machine ${machineId} (${hostname})` : `machine ${machineId}`;
  };
  const transportFor = (machineId: string, label: string) =>
    new SnapshotTransport({ machineId, machineName: nameOf(machineId), commands: () => content.commands, label });

  const recordedController = content.routes.find((route) => route.machineId === CONTROLLER_MACHINE_ID);
  const controller: LabController = {
    transport: transportFor(CONTROLLER_MACHINE_ID, recordedController?.label ?? description),
    jumpHost: null,
    address: recordedMachines.get(CONTROLLER_MACHINE_ID)?.address ?? (content.lab.controller.kind === 'local' ? 'this computer' : content.lab.controller.host),
  };

  const openRoute = async (machine: MachineToReach): Promise<MachineRoute> => {
    const recorded = content.routes.find((route) => route.machineId === machine.id && route.kind !== 'controller');
    if (recorded) {
      const kind = recorded.kind === 'juju-ssh' ? 'juju-ssh' : 'jump';
      return { machineId: machine.id, kind, transport: transportFor(machine.id, recorded.label), chosenBy: recorded.chosenBy, note: recorded.note };
    }
    const failure = recordedMachines.get(machine.id)?.routeError;
    if (failure) throw new ConsoleError(failure.code, failure.message);
    if (content.commands.some((command) => command.machineId === machine.id)) {
      return { machineId: machine.id, kind: content.lab.routes[machine.id] ?? 'jump', transport: transportFor(machine.id, description), chosenBy: 'auto', note: null };
    }
    throw new ConsoleError('ssh-unreachable', `this snapshot holds nothing read from ${nameOf(machine.id)}: it was not reached when the snapshot was taken`);
  };

  // When each command ran at capture, by machine and command line (as a probe outcome names it):
  // indexed when a probe is first stamped, as a stored inventory's never are.
  let ranAt: Map<string, SnapshotContent['commands'][number]> | null = null;
  const takenAt = content.meta.captureEndedAt;
  const captureMs = Math.max(0, Date.parse(content.meta.captureEndedAt) - Date.parse(content.meta.captureStartedAt));
  const stampProbe = (outcome: ProbeOutcome): ProbeOutcome => {
    ranAt ??= new Map(content.commands.map((command) => [`${command.machineId}|${command.argv.join(' ')}`, command]));
    const command = ranAt.get(`${outcome.machineId}|${outcome.command}`);
    return { ...outcome, startedAt: command?.startedAt ?? takenAt, durationMs: command?.durationMs ?? 0 };
  };

  const refusal = (action: string) =>
    new ConsoleError('snapshot-read-only', `a snapshot is read-only: ${action} needs a live lab, and this is a ${description}. Disconnect and connect a lab for it.`);
  const session = (labId: string) =>
    new LabSession({
      labId,
      controller: () => controller,
      routeChoice: (machineId) => content.lab.routes[machineId] ?? 'auto',
      openRoute: (machine) => openRoute(machine),
      readOnly: refusal,
    });

  const stampRead = (inventory: LabInventory): LabInventory => ({
    ...inventory,
    refreshedAt: inventory.refreshedAt === null ? null : takenAt,
    lastRefreshMs: inventory.refreshedAt === null ? inventory.lastRefreshMs : Number.isFinite(captureMs) ? captureMs : null,
    // The checks ran over what the capture read: the report is of that moment too.
    ...(inventory.health ? { health: { ...inventory.health, checkedAt: inventory.refreshedAt === null ? null : takenAt } } : {}),
  });
  const stampInventory = (inventory: LabInventory): LabInventory => ({ ...stampRead(inventory), probes: inventory.probes.map(stampProbe) });

  return {
    content,
    description,
    controller,
    openRoute,
    session,
    keeperOptions: (labId) => ({ labId, session: session(labId) }),
    refusal,
    stampProbe,
    stampInventory,
    // A capture always stores the probes it read; an inventory without one beside recorded commands
    // was not read from them (written by hand, or by a tool that kept only the commands).
    storesInventory: content.inventory.probes.length > 0 || content.commands.length === 0,
    // Its probes carry their commands' times already: the capture stamped them (capture.ts).
    recordedInventory: (labId) => stampRead({ ...content.inventory, labId, refreshing: false }),
  };
}
