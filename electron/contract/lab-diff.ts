// What changed in a lab between two readings of it (two snapshots, or a snapshot and the lab
// shown now), across the UI/core boundary and on the command line (`snapshot diff --json`):
// every object added, removed or changed, the fields that changed with their values before and
// after, counts per kind of object, and what could not be compared because one side did not read it.
import * as v from 'valibot';

/** The kinds of object compared, in the order they are listed. */
export const LAB_OBJECT_TYPES = ['machine', 'container', 'profile', 'namespace', 'application', 'unit', 'relation'] as const;
export type LabObjectType = (typeof LAB_OBJECT_TYPES)[number];

export type LabChangeKind = 'added' | 'removed' | 'changed';

/** Which object changed, by the names an engineer uses for it (enough to find it in a view). */
export type LabObjectRef =
  /** A machine Juju reports: "22", or one of its containers "24/lxd/0"; "controller" for the endpoint. */
  | { type: 'machine'; machineId: string; hostname: string | null }
  /** An LXD container on the compute node whose LXD runs it. */
  | { type: 'container'; machineId: string; host: string | null; container: string }
  | { type: 'profile'; machineId: string; host: string | null; profile: string }
  /** A network namespace on a gateway. */
  | { type: 'namespace'; machineId: string; host: string | null; namespace: string }
  | { type: 'application'; application: string }
  | { type: 'unit'; unit: string; application: string }
  /** A Juju relation by its two ends ("glance:identity-service", "keystone:identity-service"). */
  | { type: 'relation'; ends: [string, string] };

/** One field of an object that is not the same: its value before and after, as text (null: none). */
export interface LabFieldChange {
  /** Stable name of the field: "state", "ipv4", "workloadStatus", "config limits.memory", "device eth0". */
  field: string;
  /** How a person reads it: "state", "address", "workload", "config limits.memory". */
  label: string;
  before: string | null;
  after: string | null;
}

export interface LabChange {
  /** Stable and unique in one comparison: "container:22/instance-0000000c". */
  id: string;
  kind: LabChangeKind;
  object: LabObjectRef;
  /** "container instance-0000000c on node03ob64", "unit glance/0", "machine 24/lxd/0". */
  title: string;
  /** For "changed": each field that differs. For "added"/"removed": what the object was (its main fields). */
  fields: LabFieldChange[];
}

export type LabChangeCounts = Record<LabObjectType, Record<LabChangeKind, number>>;

/** A part of the lab one side did not read (a machine unreachable, a probe failed): not compared. */
export interface NotCompared {
  /** "containers on node05ob64 (machine 24)", "the Juju model". */
  what: string;
  /** Why, in words: "lxc list failed in the after snapshot: …". */
  reason: string;
  machineId: string | null;
}

/** The comparison of two inventories (the pure result; which sides they were comes separately). */
export interface LabChanges {
  /** Grouped by object type (in LAB_OBJECT_TYPES order), then by the object's identity. */
  changes: LabChange[];
  counts: LabChangeCounts;
  notCompared: NotCompared[];
}

/** One side of a comparison, as the page and the command line name it. */
export interface ComparedSide {
  /** "snapshot" (a file) or "shown" (the lab the console shows now: live, or the snapshot open). */
  source: 'snapshot' | 'shown';
  /** The file, absolute, for a snapshot; null for the lab shown (unless it is a snapshot file). */
  file: string | null;
  labName: string | null;
  /** When it was read: the capture's end, or the live inventory's last refresh. */
  takenAt: string | null;
  /** "snapshot of OrangeBox64 taken 2026-12-01 09:00 UTC", "OrangeBox64 as shown now (live)". */
  description: string;
}

export interface LabComparison extends LabChanges {
  before: ComparedSide;
  after: ComparedSide;
}

/** PATH_MAX on Linux; a longer path is a mistake. */
const PATH_LIMIT = 4096;

const SnapshotPath = v.pipe(
  v.string('the snapshot file must be a path'),
  v.trim(),
  v.minLength(1, 'give the path of a snapshot file (.obxsnap) to compare'),
  v.maxLength(PATH_LIMIT, `the snapshot path is limited to ${PATH_LIMIT} characters`),
  v.check((path) => !/[\u0000-\u001f\u007f]/.test(path), 'the snapshot path must not contain control characters or line breaks'),
);

/** One side to compare: a snapshot file, or the lab the console shows now. */
export const CompareSide = v.variant('source', [v.object({ source: v.literal('snapshot'), path: SnapshotPath }), v.object({ source: v.literal('shown') })]);
export type CompareSide = v.InferOutput<typeof CompareSide>;

export const SnapshotDiffRequest = v.pipe(
  v.object({ before: CompareSide, after: CompareSide }),
  v.check(({ before, after }) => before.source === 'snapshot' || after.source === 'snapshot', 'choose a snapshot file for at least one side: the lab shown compared with itself has no changes'),
);
