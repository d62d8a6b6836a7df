// The live inventory of a lab as the UI and the CLI see it: the machines Juju reports, how each is
// reached, and the latest result of every probe on every machine (with its time and its error).
import * as v from 'valibot';
import { LabId } from './payloads';
import type { ErrorCode } from './console-errors';

/** The controller endpoint is not a Juju machine; its probes are filed under this id. */
export const CONTROLLER_MACHINE_ID = 'controller';

export type MachineRole = 'controller' | 'compute' | 'gateway' | 'control' | 'other';

export interface InventoryRoute {
  kind: 'controller' | 'jump' | 'juju-ssh';
  label: string;
  chosenBy: 'auto' | 'override';
  note: string | null;
}

export interface InventoryMachine {
  id: string;
  hostname: string | null;
  address: string | null;
  roles: MachineRole[];
  /** Applications with units on this machine or its containers. */
  applications: string[];
  jujuState: string | null;
  route: InventoryRoute | null;
  /** Why the machine could not be reached (its probes then did not run). */
  routeError: { code: ErrorCode; message: string } | null;
}

export type ProbeStatus = 'ok' | 'partial' | 'failed';

export interface ProbeOutcome {
  machineId: string;
  probeId: string;
  /** The command as run, for "what did it type?" */
  command: string;
  startedAt: string;
  durationMs: number;
  status: ProbeStatus;
  /** The normalized model (see lab-model.ts); null when nothing could be read. */
  value: unknown;
  format: string | null;
  problems: { line: number | null; message: string }[];
  error: { code: ErrorCode | 'command-exit'; message: string } | null;
}

export interface LabInventory {
  labId: string;
  refreshing: boolean;
  refreshedAt: string | null;
  /** Wall time of the last complete refresh. */
  lastRefreshMs: number | null;
  machines: InventoryMachine[];
  probes: ProbeOutcome[];
}

export const RouteOverride = v.object({
  labId: LabId,
  machineId: v.pipe(v.string(), v.regex(/^\d+$/, 'a Juju machine id is a number, e.g. "26"')),
  route: v.picklist(['auto', 'jump', 'juju-ssh'], 'the route is "auto", "jump" or "juju-ssh"'),
});

export const InventoryVisibility = v.object({ visible: v.boolean() });
