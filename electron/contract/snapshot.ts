// A lab snapshot: everything the console read of a lab at one time, so that every view works from
// it offline, unchanged (docs/snapshot-format.md says how it is stored). Secrets are masked in it
// before it is written: it may be handed to support or shown on a projector.
import type { LabInventory } from './inventory';
import type { LatestPingRuns } from './diagnostics';
import type { ControllerEndpoint, OpenStackCredentialSetting } from './payloads';

/** Raised when the stored form changes in a way an older console could not read. */
export const SNAPSHOT_FORMAT_VERSION = 1;

/** What a snapshot file's name ends with. */
export const SNAPSHOT_EXTENSION = '.obxsnap';

export interface SnapshotMeta {
  formatVersion: number;
  /** The console that wrote it ("0.1.0"). */
  consoleVersion: string;
  labName: string;
  /** A capture of a live lab, or the demo lab the console ships. */
  kind: 'capture' | 'demo';
  captureStartedAt: string;
  captureEndedAt: string;
}

/** One command as it ran on one machine, with what it printed (secrets masked). */
export interface SnapshotCommand {
  machineId: string;
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  invalidUtf8: boolean;
  startedAt: string;
  durationMs: number;
}

/** How each machine was reached when the snapshot was taken (its cards say so offline too). */
export interface SnapshotRoute {
  machineId: string;
  kind: 'controller' | 'jump' | 'juju-ssh';
  label: string;
  chosenBy: 'auto' | 'override';
  note: string | null;
}

export interface SnapshotRecording {
  /** The file name it had ("instance-0000000c-2026-12-07T10-00-00.cast"). */
  name: string;
  /** The terminal's title when it was recorded. */
  title: string;
  /** The asciicast v2 text, input events left out. */
  cast: string;
}

export interface SnapshotContent {
  meta: SnapshotMeta;
  /** The lab's settings; openstackCredentials (a path, never the secrets) when the engineer named one, so a rebuild runs the same `openstack` commands. */
  lab: { name: string; controller: ControllerEndpoint; routes: Record<string, 'jump' | 'juju-ssh'>; openstackCredentials?: OpenStackCredentialSetting | null };
  routes: SnapshotRoute[];
  /** Every command the capture ran, in the order it ran (a snapshot transport answers from these). */
  commands: SnapshotCommand[];
  /** The inventory as the capturing console built it (models, links, each probe's time and error). */
  inventory: LabInventory;
  /** The latest ping and matrix runs, as far as they got. */
  diagnostics: LatestPingRuns;
  recordings: SnapshotRecording[];
}
