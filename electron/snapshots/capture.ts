// Capturing a live lab into a snapshot: one full inventory refresh, exactly as the console runs it,
// with the controller and every machine route wrapped so that each command's output is kept
// (masked) beside the inventory it built (masked too). A snapshot transport later answers the
// same commands from these, so every view reads the snapshot through the same probes and parsers.
import { ConsoleError } from '../contract/console-errors';
import { CONTROLLER_MACHINE_ID, type LabInventory } from '../contract/inventory';
import type { LatestPingRuns } from '../contract/diagnostics';
import type { SavedLab } from '../contract/payloads';
import { SNAPSHOT_FORMAT_VERSION, type SnapshotCommand, type SnapshotContent, type SnapshotRecording, type SnapshotRoute } from '../contract/snapshot';
import { APP_VERSION } from '../core/app-identity';
import { InventoryKeeper } from '../inventory/inventory-keeper';
import type { LabController } from '../lab/lab-controller';
import { openMachineRoute, type MachineRoute, type MachineToReach, type RouteChoice, type RouteContext } from '../lab/machine-routes';
import { maskInventory } from './inventory-masking';
import { snapshotLab } from './snapshot-lab';
import { commandRecorder, RecordingTransport, type RecordedCommand } from './recording-transport';
import type { CaptureProgress } from '../contract/snapshot-capture';

export type { CaptureProgress };

export interface CaptureOptions {
  lab: Pick<SavedLab, 'id' | 'name' | 'controller'> & { routes?: SavedLab['routes']; openstackCredentials?: SavedLab['openstackCredentials'] };
  /** The live controller (a connected LabLink's), or null once the link is down. */
  controller: () => LabController | null;
  routeContext: (controller: LabController) => RouteContext;
  routeChoice: (machineId: string) => RouteChoice;
  /** How a route really opens; openMachineRoute unless a test says otherwise. */
  openRoute?: (machine: MachineToReach, choice: RouteChoice, context: RouteContext) => Promise<MachineRoute>;
  /** The latest ping and matrix runs to keep with the lab (none by default). */
  diagnostics?: LatestPingRuns;
  recordings?: SnapshotRecording[];
  onProgress?: (progress: CaptureProgress) => void;
}

const NO_PING_RUNS: LatestPingRuns = { ping: null, matrix: null };

/** Reads the whole lab once and returns it as a snapshot's content, every raw output masked. */
export async function captureSnapshot(options: CaptureOptions): Promise<SnapshotContent> {
  const started = Date.now();
  const captureStartedAt = new Date(started).toISOString();
  const recorded: RecordedCommand[] = [];
  const counts = { machines: 1, probes: 0, maskedValues: 0 };
  const machinesRead = new Set<string>();
  const report = (done: boolean) =>
    options.onProgress?.({ machines: counts.machines, machinesRead: machinesRead.size, probes: counts.probes, commands: recorded.length, maskedValues: counts.maskedValues, elapsedMs: Date.now() - started, done });

  const recorder = commandRecorder((command) => {
    recorded.push(command);
    counts.maskedValues += command.maskedValues;
    report(false);
  });
  // One wrapper per controller object: the keeper asks for the controller many times per refresh.
  const wrapped = new WeakMap<LabController, LabController>();
  const recordingController = (): LabController | null => {
    const live = options.controller();
    if (!live) return null;
    let controller = wrapped.get(live);
    if (!controller) {
      controller = { ...live, transport: new RecordingTransport(live.transport, CONTROLLER_MACHINE_ID, recorder) };
      wrapped.set(live, controller);
    }
    return controller;
  };
  const openRoute = options.openRoute ?? openMachineRoute;

  const keeper = new InventoryKeeper({
    labId: options.lab.id,
    controller: recordingController,
    routeContext: options.routeContext,
    routeChoice: options.routeChoice,
    openstackCredentials: () => options.lab.openstackCredentials ?? null,
    // The route opens on the live controller (a `juju ssh` route's own check is not a probe's
    // command, and must not be recorded as the controller's); then what runs on it is recorded.
    openRoute: async (machine, choice) => {
      const live = options.controller();
      if (!live) throw new ConsoleError('ssh-disconnected', `the link to ${options.lab.name} dropped during the capture; machine ${machine.id} was not read`);
      const route = await openRoute(machine, choice, options.routeContext(live));
      return { ...route, transport: new RecordingTransport(route.transport, machine.id, recorder) };
    },
    onInventory: (inventory) => {
      counts.machines = Math.max(1, inventory.machines.length);
      report(false);
    },
    onProbe: (outcome) => {
      counts.probes += 1;
      machinesRead.add(outcome.machineId);
      report(false);
    },
  });
  let live: LabInventory;
  try {
    live = await keeper.refresh();
  } finally {
    keeper.stop();
  }
  const { inventory, masked } = maskInventory(live);
  counts.maskedValues += masked;

  const read: SnapshotContent = {
    meta: {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      consoleVersion: APP_VERSION,
      labName: options.lab.name,
      kind: 'capture',
      captureStartedAt,
      captureEndedAt: new Date().toISOString(),
    },
    lab: {
      name: options.lab.name,
      controller: options.lab.controller,
      routes: { ...(options.lab.routes ?? {}) },
      ...(options.lab.openstackCredentials ? { openstackCredentials: options.lab.openstackCredentials } : {}),
    },
    routes: routesOf(inventory),
    commands: inOrderStarted(recorded),
    inventory,
    diagnostics: options.diagnostics ?? NO_PING_RUNS,
    recordings: options.recordings ?? [],
  };
  // Each probe carries when its command ran and the inventory when the snapshot was taken, as an
  // opening shows them: it shows the stored inventory without reading the commands.
  const content: SnapshotContent = { ...read, inventory: snapshotLab(read).stampInventory(inventory) };
  report(true);
  return content;
}

/** How each machine was reached; a machine that could not be reached has no route (its error is in the inventory). */
function routesOf(inventory: LabInventory): SnapshotRoute[] {
  return inventory.machines.flatMap((machine) => (machine.route ? [{ machineId: machine.id, ...machine.route }] : []));
}

function inOrderStarted(recorded: RecordedCommand[]): SnapshotCommand[] {
  return [...recorded].sort((a, b) => a.sequence - b.sequence).map((entry) => entry.command);
}
