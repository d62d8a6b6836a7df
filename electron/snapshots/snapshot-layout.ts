// The entries of a snapshot file and its manifest (docs/snapshot-format.md is the reference): which
// part of a SnapshotContent goes in which entry, what each holds (said in the manifest, for a person
// or a tool that opens the archive), and the manifest's own shape.
import * as v from 'valibot';
import { MAX_ENTRY_COUNT } from './snapshot-limits';

/** What the manifest's `format` says: a zip with a manifest.json of another tool is not a snapshot. */
export const SNAPSHOT_FORMAT_NAME = 'orangebox-console-snapshot';

export const MANIFEST_ENTRY = 'manifest.json';

/** The JSON entries every format-1 snapshot holds, in the order they are written. */
export const JSON_ENTRIES = {
  meta: 'meta.json',
  lab: 'lab.json',
  routes: 'routes.json',
  commands: 'commands.json',
  inventory: 'inventory.json',
  diagnostics: 'diagnostics.json',
  recordings: 'recordings.json',
} as const;
export type JsonEntryKey = keyof typeof JSON_ENTRIES;

/** What each entry holds, as the manifest says it. */
export const ENTRY_HOLDS: Record<JsonEntryKey, string> = {
  meta: 'format version, console version, lab name, kind (capture or demo), capture start and end',
  lab: "the lab's name, its controller endpoint and the routes the engineer forced",
  routes: 'how each machine was reached when the snapshot was taken',
  commands: 'every command the capture ran, in the order it ran, with what it printed (secrets masked)',
  inventory: 'the inventory as the capturing console built it: machines, every probe with its model, time and error, links',
  diagnostics: 'the latest ping and matrix runs, as far as they got',
  recordings: 'the index of terminal recordings: name, title and entry of each',
};

export const recordingHolds = (title: string): string => `terminal recording "${title}" (asciicast v2, input left out)`;

/** Recordings sit under this folder, one entry each. */
export const RECORDINGS_FOLDER = 'recordings/';

/** A recording entry's name: a number (its place in recordings.json) and a slug of its file name. */
export const RECORDING_ENTRY_NAME = /^recordings\/\d{3}-[a-z0-9][a-z0-9.-]{0,99}\.cast$/;

/**
 * "recordings/001-instance-0000000c-2026-12-07t10-00-00.cast". The recording's own name can be
 * anything a file was called (spaces, non-ASCII); recordings.json keeps it, and the entry's name is
 * made safe for every unzip and file system, and unique by its number.
 */
export function recordingEntryName(index: number, name: string): string {
  const slug =
    name
      .toLowerCase()
      .replace(/\.cast$/, '')
      .replace(/[^a-z0-9.]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 90) || 'recording';
  return `${RECORDINGS_FOLDER}${String(index + 1).padStart(3, '0')}-${slug}.cast`;
}

export interface ManifestEntry {
  name: string;
  /** Its size once inflated. */
  bytes: number;
  /** SHA-256 of its inflated bytes, lowercase hex (what `sha256sum` prints). */
  sha256: string;
  holds: string;
}

export interface SnapshotManifest {
  format: typeof SNAPSHOT_FORMAT_NAME;
  formatVersion: number;
  consoleVersion: string;
  labName: string;
  kind: 'capture' | 'demo';
  captureStartedAt: string;
  captureEndedAt: string;
  /** Every other entry of the archive, in the archive's order. */
  entries: ManifestEntry[];
}

const Sha256Hex = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits'));

export const SnapshotManifestSchema = v.object({
  format: v.literal(SNAPSHOT_FORMAT_NAME),
  formatVersion: v.pipe(v.number(), v.integer()),
  consoleVersion: v.string(),
  labName: v.string(),
  kind: v.picklist(['capture', 'demo']),
  captureStartedAt: v.string(),
  captureEndedAt: v.string(),
  entries: v.pipe(
    v.array(v.object({ name: v.string(), bytes: v.pipe(v.number(), v.safeInteger(), v.minValue(0)), sha256: Sha256Hex, holds: v.string() })),
    v.maxLength(MAX_ENTRY_COUNT),
  ),
});
